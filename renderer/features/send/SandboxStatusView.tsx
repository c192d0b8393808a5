// The embedded sandbox at a glance: state, URL, stored events, with Stored events, Restart and Reset (which
// asks first, saying how many events it deletes).
import { useState } from 'react';
import { plural } from '../../../core/text/plural';
import type { Host } from '../../platform/host';
import { Dialog } from '../../ui/Dialog';
import { StoredEventsDialog } from '../stored-events/StoredEventsDialog';
import type { Sandbox } from './use-sandbox';

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
    <Dialog
      role="alertdialog"
      title="Reset the local sandbox?"
      onClose={onCancel}
      message={
        <p>
          {count > 0
            ? `This deletes the ${plural(count, 'event')} the sandbox stored, in every collection. It cannot be undone.`
            : 'The sandbox stores no events; resetting it changes nothing.'}
        </p>
      }
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={onConfirm}>
            {count > 0 ? `Delete ${plural(count, 'event')}` : 'Reset'}
          </button>
        </>
      }
    />
  );
}

export function SandboxStatusView({ sandbox, host }: { readonly sandbox: Sandbox; readonly host: Host }) {
  const s = sandbox.status;
  const [open, setOpen] = useState<'stored' | 'reset' | undefined>(undefined);
  const showReset = () => {
    sandbox.refresh();
    setOpen('reset');
  };
  const close = () => setOpen(undefined);
  return (
    <div className="sandbox-status" role="group" aria-label="Local sandbox">
      <span className={`state-dot state-${s?.state ?? 'starting'}`} aria-hidden="true" />
      <span className="sandbox-text">
        Sandbox {s ? s.state : 'starting'}
        {s?.url ? <span className="mono muted"> {s.url}</span> : null}
        {s ? <span className="muted"> · {s.eventCount.toLocaleString('en-US')} events stored</span> : null}
      </span>
      <button
        type="button"
        className="button small"
        onClick={() => setOpen('stored')}
        disabled={s?.state !== 'running'}
        title="What the local sandbox stored: collections, a filter, the events"
      >
        Stored events
      </button>
      <button type="button" className="button small" onClick={sandbox.restart} disabled={sandbox.busy}>
        Restart
      </button>
      <button
        type="button"
        className="button small"
        onClick={showReset}
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
