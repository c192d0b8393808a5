// The schemas dialog: where the collection schemas come from (edited here, or a folder), whether the
// local sandbox enforces them, files that cannot be used, and an editor to review, change and save one
// (an inferred schema arrives here as an unsaved draft).
import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { DialogNavItem } from '../../ui/DialogNavItem';
import type { SchemasState } from './use-schemas';
import './schemas.css';

export interface SchemaDraft {
  readonly collection: string;
  readonly text: string;
  /** Why this draft is open: shown above the editor ("Inferred from 20 events of `purchases`…"). */
  readonly note?: string;
}

interface Props {
  readonly schemas: SchemasState;
  readonly initial?: SchemaDraft;
  readonly onClose: () => void;
}

export function SchemasDialog({ schemas, initial, onClose }: Props) {
  const { list } = schemas;
  const ids = useId();
  const [draft, setDraft] = useState<SchemaDraft | undefined>(initial);
  const [newName, setNewName] = useState('');
  const [folder, setFolder] = useState(list?.source === 'folder' ? list.folder : '');
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const editor = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (draft) editor.current?.focus();
  }, [draft?.collection]); // eslint-disable-line react-hooks/exhaustive-deps -- focus only when another schema opens

  const open = (collection: string) => {
    const entry = list?.schemas.find((s) => s.collection === collection);
    setSaved(undefined);
    setDraft({
      collection,
      text:
        entry?.text ??
        '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "type": "object",\n  "properties": {}\n}\n',
    });
  };
  // Picking the folder radio asks main for a folder where it can show a picker; here it takes the typed path.
  const pickFolderSource = schemas.choosesFolderInMain
    ? () => void schemas.chooseFolder()
    : () => folder.trim() !== '' && void schemas.setFolder(folder.trim());
  const isSaved =
    draft !== undefined && list?.schemas.some((s) => s.collection === draft.collection && s.text === draft.text);

  return (
    <Dialog title="Collection schemas" className="dialog-panel schemas-dialog" onClose={onClose} closeButton>
      <p className="muted">
        One JSON Schema per collection (draft 2020-12 or draft-07). The editor checks events against it as you type; the
        local sandbox can reject events that break it.
      </p>
      <fieldset className="schemas-source">
        <legend>Where the schemas are</legend>
        <label className="form-check">
          <input
            type="radio"
            name={`${ids}-source`}
            checked={list?.source !== 'folder'}
            onChange={() => void schemas.setFolder(null)}
            disabled={schemas.busy}
          />
          Edited in the app{list?.source === 'app' ? <span className="muted schemas-path">{list.folder}</span> : null}
        </label>
        <div className="form-check">
          <input
            type="radio"
            name={`${ids}-source`}
            aria-label="A folder of schema files"
            checked={list?.source === 'folder'}
            onChange={pickFolderSource}
            disabled={schemas.busy}
          />
          {schemas.choosesFolderInMain ? (
            <>
              A folder of &lt;collection&gt;.schema.json files
              {list?.source === 'folder' ? <span className="muted schemas-path">{list.folder}</span> : null}
              <button
                type="button"
                className="button small"
                onClick={() => void schemas.chooseFolder()}
                disabled={schemas.busy}
              >
                Choose folder…
              </button>
            </>
          ) : (
            <>
              <label htmlFor={`${ids}-folder`}>A folder of &lt;collection&gt;.schema.json files:</label>
              <input
                id={`${ids}-folder`}
                className="schemas-folder-input"
                value={folder}
                placeholder="/path/to/tracking-plan"
                onChange={(e) => setFolder(e.target.value)}
              />
              <button
                type="button"
                className="button small"
                onClick={() => void schemas.setFolder(folder.trim())}
                disabled={schemas.busy || folder.trim() === ''}
              >
                Use folder
              </button>
            </>
          )}
        </div>
      </fieldset>
      <label className="form-check schemas-enforce">
        <input
          type="checkbox"
          checked={list?.enforce ?? false}
          onChange={(e) => void schemas.setEnforce(e.target.checked)}
          disabled={schemas.busy}
        />
        Enforce schemas in the local sandbox (violating events are rejected with the validation message)
      </label>
      {schemas.error ? (
        <p role="alert" className="notice notice-error">
          {schemas.error}
        </p>
      ) : null}
      {list && list.problems.length > 0 ? (
        <div role="alert" className="problem-box schemas-problems" aria-label="Schema files that cannot be used">
          {list.problems.map((p) => (
            <p key={p.path}>
              <code>{p.path}</code>: {p.reason}. Its collection is not checked; the other schemas are.
            </p>
          ))}
        </div>
      ) : null}
      <div className="dialog-body schemas-body">
        <nav className="dialog-nav schemas-nav" aria-label="Schemas">
          <ul>
            {(list?.schemas ?? []).map((s) => (
              <DialogNavItem
                key={s.collection}
                className="schema-item"
                current={draft?.collection === s.collection}
                onChoose={() => open(s.collection)}
              >
                {s.collection}
              </DialogNavItem>
            ))}
            {list && list.schemas.length === 0 ? <li className="muted schema-none">No schemas yet.</li> : null}
          </ul>
          <form
            className="schema-new"
            onSubmit={(e) => {
              e.preventDefault();
              if (newName.trim() !== '') open(newName.trim());
              setNewName('');
            }}
          >
            <input
              aria-label="New schema for collection"
              placeholder="collection name"
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
            />
            <button type="submit" className="button small" disabled={newName.trim() === ''}>
              New
            </button>
          </form>
        </nav>
        <div className="schema-editor">
          {draft ? (
            <>
              <h3>
                Schema of <code>{draft.collection}</code>
                {isSaved ? <span className="tag">saved</span> : <span className="tag">not saved</span>}
              </h3>
              {draft.note ? <p className="muted">{draft.note}</p> : null}
              <textarea
                ref={editor}
                aria-label="Schema JSON"
                spellCheck={false}
                value={draft.text}
                onChange={(e) => {
                  setSaved(undefined);
                  setDraft({ ...draft, text: e.target.value });
                }}
              />
              <div className="dialog-buttons">
                <button
                  type="button"
                  className="button primary"
                  disabled={schemas.busy}
                  onClick={() =>
                    void schemas.save(draft.collection, draft.text).then((ok) => {
                      if (ok) setSaved(`Saved: events of ${draft.collection} are now checked against it.`);
                    })
                  }
                >
                  Save schema
                </button>
                {list?.schemas.some((s) => s.collection === draft.collection) ? (
                  <button
                    type="button"
                    className="button"
                    disabled={schemas.busy}
                    onClick={() =>
                      void schemas.remove(draft.collection).then(() => {
                        setDraft(undefined);
                        setSaved(undefined);
                      })
                    }
                  >
                    Delete schema
                  </button>
                ) : null}
                {saved ? (
                  <span role="status" className="notice notice-ok">
                    {saved}
                  </span>
                ) : null}
              </div>
            </>
          ) : (
            <p className="muted">
              Choose a schema, start a new one, or use “Infer schema” with the cursor in a collection of the batch.
            </p>
          )}
        </div>
      </div>
    </Dialog>
  );
}
