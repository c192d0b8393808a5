// The "Schemas" and "Infer schema" buttons of the editor toolbar, and the dialog they open (focus returns on close).
import { useState } from 'react';
import { plural } from '../../../core/text/plural';
import { inferAtCursor } from './infer-at-cursor';
import { SchemasDialog, type SchemaDraft } from './SchemasDialog';
import type { SchemasState } from './use-schemas';

interface Props {
  readonly schemas: SchemasState;
  /** The active document's text and the cursor's offset in it. */
  readonly cursor: () => { readonly text: string; readonly offset: number } | undefined;
}

export function SchemasButton({ schemas, cursor }: Props) {
  const [open, setOpen] = useState<{ initial?: SchemaDraft } | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const close = () => setOpen(undefined);
  const infer = () => {
    const at = cursor();
    if (!at) return;
    const inferred = inferAtCursor(at.text, at.offset);
    if (!inferred.ok) {
      setNotice(inferred.reason);
      return;
    }
    setNotice(undefined);
    const existing = schemas.list?.schemas.some((s) => s.collection === inferred.collection);
    setOpen({
      initial: {
        collection: inferred.collection,
        text: inferred.text,
        note: `Inferred from ${plural(inferred.events, 'event')} of ${inferred.collection}: review it (descriptions are left blank for you) and save.${existing ? ' Saving replaces the current schema.' : ''}`,
      },
    });
  };
  const count = schemas.list?.schemas.length ?? 0;
  const broken = (schemas.list?.problems.length ?? 0) > 0;
  return (
    <>
      <button
        type="button"
        className="button small"
        onClick={() => setOpen({})}
        title="Collection schemas: the tracking plan the editor checks events against"
      >
        Schemas{count > 0 ? ` (${count})` : ''}
        {broken ? ' ⚠' : ''}
      </button>
      <button
        type="button"
        className="button small"
        onClick={infer}
        title="Infer a schema from the events of the collection at the cursor"
      >
        Infer schema
      </button>
      {notice ? (
        <span role="status" className="schemas-notice">
          {notice}
        </span>
      ) : null}
      {open ? (
        <SchemasDialog schemas={schemas} {...(open.initial ? { initial: open.initial } : {})} onClose={close} />
      ) : null}
    </>
  );
}
