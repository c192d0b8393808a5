// The profiles dialog: the list of targets, and a form to create, edit, duplicate, delete and test them.
// The API key field is write-only: never pre-filled, emptied once saved; only the key's status is shown.
import { useEffect, useId, useRef, useState, type ComponentProps } from 'react';
import type { Profile } from '../../../electron/contract/channels';
import type { Host } from '../../platform/host';
import { Dialog } from '../../ui/Dialog';
import { DialogNavItem } from '../../ui/DialogNavItem';
import { keyStatusText, keyStoredWeakly } from './key-status-text';
import { ProfileField } from './ProfileField';
import { SecretField } from './SecretField';
import { NEW_PROFILE, useProfileEditor } from './use-profile-editor';
import './profiles.css';

interface Props {
  readonly host: Host;
  readonly profiles: readonly Profile[];
  readonly initialId: string | undefined;
  /** Reloads the profile list after a change (the Target selector shares it). */
  readonly onChanged: () => void;
  readonly onClose: () => void;
}

const VERDICT_TEXT: Record<string, string> = {
  ok: 'Connected',
  unauthorised: 'Key or project refused',
  forbidden: 'Key not allowed to send',
  unreachable: 'Unreachable',
  'not-connect': 'Not a Connect API',
  invalid: 'Cannot test',
};

type FieldSpec = Omit<ComponentProps<typeof ProfileField>, 'draft' | 'onChange'>;

// Where the profile sends, after its name (which takes focus when another profile opens).
const TARGET_FIELDS: readonly FieldSpec[] = [
  { label: 'Base URL', field: 'baseUrl', spellCheck: false, inputMode: 'url' },
  { label: 'Project id', field: 'projectId', spellCheck: false, required: true },
  { label: 'Colour', field: 'color', type: 'color' },
];

const S3_FIELDS: readonly FieldSpec[] = [
  { label: 'S3 bucket', field: 's3Bucket', maxLength: 63 },
  { label: 'S3 key prefix', field: 's3Prefix' },
  { label: 'S3 region', field: 's3Region', placeholder: 'us-east-1' },
  { label: 'S3 endpoint', field: 's3Endpoint', inputMode: 'url', placeholder: 'Amazon S3' },
  { label: 'S3 access key id', field: 's3AccessKeyId', autoComplete: 'off' },
];

export function ProfilesDialog({ host, profiles, initialId, onChanged, onClose }: Props) {
  const editor = useProfileEditor(host, profiles, initialId, onChanged);
  const { open, draft, storage } = editor;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const ids = useId();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), [editor.openId]);
  useEffect(() => setConfirmDelete(false), [editor.openId]);

  const builtIn = open?.builtIn === true;
  const weakNotAccepted = storage?.protection === 'file' && !storage.accepted;
  const keyDisabled = builtIn || weakNotAccepted || editor.busy;

  return (
    <Dialog title="Profiles" className="dialog-panel profiles-dialog" onClose={onClose} closeButton>
      {editor.problems.length > 0 ? (
        <div role="alert" className="problem-box">
          {editor.problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      ) : null}
      {storage?.protection === 'file' ? (
        <div className="storage-warning" role="note" aria-label="Key storage">
          <p>{storage.warning}</p>
          {storage.accepted ? (
            <p className="storage-accepted">
              You accepted this: keys are kept in a file only your user account can read.
            </p>
          ) : (
            <button
              type="button"
              className="button"
              onClick={() => void editor.acceptWeakStorage()}
              disabled={editor.busy}
            >
              Accept file storage for API keys
            </button>
          )}
        </div>
      ) : null}
      <div className="dialog-body profiles-body">
        <nav className="dialog-nav profiles-nav" aria-label="Profile list">
          <ul>
            {profiles.map((p) => (
              <DialogNavItem
                key={p.id}
                className="profile-item"
                current={p.id === editor.openId}
                onChoose={() => editor.choose(p.id)}
              >
                <span className="swatch" style={{ background: p.color }} aria-hidden="true" />
                <span className="profile-item-name">{p.name}</span>
                {p.builtIn ? <span className="tag">built in</span> : null}
                {p.production ? <span className="production-tag">production</span> : null}
              </DialogNavItem>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            onClick={editor.startNew}
            aria-current={editor.openId === NEW_PROFILE ? 'true' : undefined}
          >
            New profile
          </button>
        </nav>
        <form
          className="profile-form"
          aria-label={open ? `Profile ${open.name}` : 'New profile'}
          onSubmit={(e) => {
            e.preventDefault();
            void editor.save();
          }}
        >
          <h3>{open ? open.name : 'New profile'}</h3>
          {builtIn ? (
            <p className="muted">
              The Local sandbox is built in: it always points at the sandbox this app runs. Duplicate it to change
              anything.
            </p>
          ) : null}
          <ProfileField
            label="Name"
            field="name"
            draft={draft}
            onChange={editor.set}
            ref={first}
            disabled={builtIn}
            required
            maxLength={100}
          />
          {TARGET_FIELDS.map((spec) => (
            <ProfileField key={spec.field} {...spec} draft={draft} onChange={editor.set} disabled={builtIn} />
          ))}
          <label className="form-check">
            <input
              type="checkbox"
              checked={draft.production}
              onChange={(e) => editor.set('production', e.target.checked)}
              disabled={builtIn}
            />
            <span>Production target</span>
          </label>
          <label className="form-check">
            <input
              type="checkbox"
              checked={draft.confirmProduction}
              onChange={(e) => editor.set('confirmProduction', e.target.checked)}
              disabled={builtIn || !draft.production}
            />
            <span>Ask for confirmation before sending here</span>
          </label>
          <fieldset className="key-fieldset">
            <legend>API key</legend>
            <p className="key-status" id={`${ids}-key-status`}>
              {open ? keyStatusText(open.key) : 'not set'}
            </p>
            {open && keyStoredWeakly(open.key) ? (
              <p className="key-warning">Kept without a keychain, in a file only your user account can read.</p>
            ) : null}
            {open?.key.problem ? <p className="key-problem">{open.key.problem}</p> : null}
            {!builtIn ? (
              <SecretField
                label={open?.key.set ? 'New API key' : 'API key'}
                value={editor.keyInput}
                onChange={editor.setKeyInput}
                disabled={keyDisabled}
                statusId={`${ids}-key-status`}
                placeholder={weakNotAccepted ? 'Accept file storage first' : 'Saved when you press Save'}
                clear={
                  open?.key.set && open.key.storage !== 'env'
                    ? { label: 'Clear saved key', run: () => void editor.clearKey(), busy: editor.busy }
                    : undefined
                }
              />
            ) : null}
          </fieldset>
          {!builtIn ? (
            <fieldset className="key-fieldset bulk-import-fieldset">
              <legend>Bulk import (S3)</legend>
              <p className="muted">
                Where large loads are uploaded before the API imports them. Leave the bucket empty for none.
              </p>
              {S3_FIELDS.map((spec) => (
                <ProfileField key={spec.field} {...spec} draft={draft} onChange={editor.set} spellCheck={false} />
              ))}
              <p className="s3-secret-status" id={`${ids}-s3-status`}>
                S3 secret: {open?.bulkImport ? keyStatusText(open.bulkImport.secret) : 'not set'}
              </p>
              {open?.bulkImport?.secret.problem ? (
                <p className="key-problem">{open.bulkImport.secret.problem}</p>
              ) : null}
              <SecretField
                label={open?.bulkImport?.secret.set ? 'New S3 secret' : 'S3 secret'}
                value={editor.s3SecretInput}
                onChange={editor.setS3SecretInput}
                disabled={keyDisabled || draft.s3Bucket.trim() === ''}
                statusId={`${ids}-s3-status`}
                placeholder={draft.s3Bucket.trim() === '' ? 'Give a bucket first' : 'Saved when you press Save'}
                clear={
                  open?.bulkImport?.secret.set && open.bulkImport.secret.storage !== 'env'
                    ? { label: 'Clear saved S3 secret', run: () => void editor.clearS3Secret(), busy: editor.busy }
                    : undefined
                }
              />
            </fieldset>
          ) : null}
          <div className="dialog-buttons profile-buttons">
            {!builtIn ? (
              <button type="submit" className="button primary" disabled={editor.busy}>
                Save
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => void editor.test()} disabled={editor.busy}>
              Test connection
            </button>
            {open ? (
              <button type="button" className="button" onClick={() => void editor.duplicate()} disabled={editor.busy}>
                Duplicate
              </button>
            ) : null}
            {open && !builtIn ? (
              confirmDelete ? (
                <button
                  type="button"
                  className="button danger"
                  onClick={() => void editor.remove()}
                  disabled={editor.busy}
                >
                  Really delete “{open.name}”
                </button>
              ) : (
                <button
                  type="button"
                  className="button danger"
                  onClick={() => setConfirmDelete(true)}
                  disabled={editor.busy}
                >
                  Delete
                </button>
              )
            ) : null}
          </div>
          <div
            role="status"
            aria-label="Connection test"
            className={`test-result ${editor.testResult ? `verdict-${editor.testResult.verdict}` : ''}`}
          >
            {editor.testResult ? (
              <>
                <strong>{VERDICT_TEXT[editor.testResult.verdict] ?? editor.testResult.verdict}:</strong>{' '}
                {editor.testResult.message}
              </>
            ) : null}
          </div>
          {editor.notice ? (
            <p
              role={editor.notice.kind === 'error' ? 'alert' : 'status'}
              className={`notice notice-${editor.notice.kind}`}
            >
              {editor.notice.text}
            </p>
          ) : null}
        </form>
      </div>
    </Dialog>
  );
}
