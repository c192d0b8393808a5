// The embedded sandbox at a glance: state, URL, stored events, with Restart and Reset.
import type { Sandbox } from './use-sandbox';

export function SandboxStatusView({ sandbox }: { readonly sandbox: Sandbox }) {
  const s = sandbox.status;
  return (
    <div className="sandbox-status" role="group" aria-label="Local sandbox">
      <span className={`state-dot state-${s?.state ?? 'starting'}`} aria-hidden="true" />
      <span className="sandbox-text">
        Sandbox {s ? s.state : 'starting'}
        {s?.url ? <span className="mono muted"> {s.url}</span> : null}
        {s ? <span className="muted"> · {s.eventCount.toLocaleString('en-US')} events stored</span> : null}
      </span>
      <button type="button" className="button small" onClick={sandbox.restart} disabled={sandbox.busy}>
        Restart
      </button>
      <button type="button" className="button small" onClick={sandbox.reset} disabled={sandbox.busy} title="Delete every event the sandbox stored">
        Reset
      </button>
    </div>
  );
}
