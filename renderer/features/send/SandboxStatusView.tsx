// The embedded sandbox at a glance: state, URL, stored events, with Stored events, Restart and Reset (which
// asks first, saying how many events it deletes).
import { useRef, useState } from 'react';
import type { Host } from '../../platform/host';
import { StoredEventsDialog } from '../stored-events/StoredEventsDialog';
import type { Sandbox } from './use-sandbox';

const events = (n: number): string => `${n.toLocaleString('en-US')} event${n === 1 ? '' : 's'}`;

function ResetConfirm({
  count,
  onConfirm,
  onCancel,
}: {
  readonly count: number;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <div className="dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="reset-sandbox-title"
        aria-describedby="reset-sandbox-text"
        className="dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      >
        <h2 id="reset-sandbox-title">Reset the local sandbox?</h2>
        <p id="reset-sandbox-text">
          {count > 0
            ? `This deletes the ${events(count)} the sandbox stored, in every collection. It cannot be undone.`
            : 'The sandbox stores no events; resetting it changes nothing.'}
        </p>
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={onConfirm}>
            {count > 0 ? `Delete ${events(count)}` : 'Reset'}
          </button>
        </div>
      </div>
    </div>
  );
}

export function SandboxStatusView({ sandbox, host }: { readonly sandbox: Sandbox; readonly host: Host }) {
  const s = sandbox.status;
  const [open, setOpen] = useState<'stored' | 'reset' | undefined>(undefined);
  const opener = useRef<HTMLButtonElement | null>(null);
  const storedButton = useRef<HTMLButtonElement>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const show = (what: 'stored' | 'reset', from: HTMLButtonElement | null) => {
    opener.current = from;
    if (what === 'reset') sandbox.refresh();
    setOpen(what);
  };
  const close = () => {
    setOpen(undefined);
    requestAnimationFrame(() => opener.current?.focus());
  };
  return (
    <div className="sandbox-status" role="group" aria-label="Local sandbox">
      <span className={`state-dot state-${s?.state ?? 'starting'}`} aria-hidden="true" />
      <span className="sandbox-text">
        Sandbox {s ? s.state : 'starting'}
        {s?.url ? <span className="mono muted"> {s.url}</span> : null}
        {s ? <span className="muted"> · {s.eventCount.toLocaleString('en-US')} events stored</span> : null}
      </span>
      <button
        ref={storedButton}
        type="button"
        className="button small"
        onClick={() => show('stored', storedButton.current)}
        disabled={s?.state !== 'running'}
        title="What the local sandbox stored: collections, a filter, the events"
      >
        Stored events
      </button>
      <button type="button" className="button small" onClick={sandbox.restart} disabled={sandbox.busy}>
        Restart
      </button>
      <button
        ref={resetButton}
        type="button"
        className="button small"
        onClick={() => show('reset', resetButton.current)}
        disabled={sandbox.busy}
        title="Delete every event the sandbox stored"
      >
        Reset
      </button>
      {open === 'stored' ? <StoredEventsDialog host={host} onClose={close} /> : null}
      {open === 'reset' ? (
        <ResetConfirm
          count={s?.eventCount ?? 0}
          onCancel={close}
          onConfirm={() => {
            sandbox.reset();
            close();
          }}
        />
      ) : null}
    </div>
  );
}
