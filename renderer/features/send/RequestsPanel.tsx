// What the last send did on the wire, per request and attempt: method and URL, headers (the key only as
// •••• plus its last 4), the body (first 64 KB, "show all"), status, timing and the raw response, and
// Copy as curl with $CONNECT_API_KEY in place of the key.
import { count, plural } from '../../../core/text/plural';
import type { SendReport } from '../../../electron/contract/channels';
import type { Host } from '../../platform/host';
import { useRequestView } from './use-request-view';

/** The body as sent back, indented when it is JSON of a readable size (the text stays the same data). */
const readable = (text: string): string => {
  if (text.length > 200_000) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

const kilobytes = (bytes: number) =>
  bytes < 1024 ? `${count(bytes)} B` : `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
const time = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : new Date(iso).toISOString().slice(11, 23));

function Empty({ text }: { readonly text: string }) {
  return (
    <section className="requests-panel" aria-labelledby="requests-heading">
      <header className="panel-header">
        <h2 id="requests-heading">Requests</h2>
      </header>
      <p className="empty-note">{text}</p>
    </section>
  );
}

export function RequestsPanel({ report, host }: { readonly report: SendReport | undefined; readonly host: Host }) {
  const view = useRequestView(host, report);
  if (!report) return <Empty text="The requests of the last send appear here." />;
  const { attempt } = view;
  const record = attempt ? report.requests.find((r) => r.request === attempt.request) : report.requests[0];
  return (
    <section className="requests-panel" aria-labelledby="requests-heading">
      <header className="panel-header">
        <h2 id="requests-heading">Requests</h2>
        <span className="muted">
          {plural(report.requests.length, 'request')}, {plural(report.attempts.length, 'attempt')}
        </span>
        {report.cancelled ? <span className="tag">cancelled</span> : null}
      </header>
      <div className="requests-body">
        <dl className="request-summary">
          <dt>Target</dt>
          <dd>{report.target.profileName}</dd>
          <dt>Project</dt>
          <dd className="mono">{report.target.projectId}</dd>
          <dt>Key</dt>
          <dd className="mono">{report.target.keyHint}</dd>
          <dt>Collections</dt>
          <dd>{report.collections.map((c) => `${c.name} (${count(c.events)})`).join(', ') || 'none'}</dd>
        </dl>
        {report.attempts.length > 0 ? (
          <label className="field attempt-field">
            <span>Attempt</span>
            <select value={view.chosen} onChange={(e) => view.choose(Number(e.target.value))}>
              {report.attempts.map((a, i) => (
                <option key={`${a.request}-${a.attempt}`} value={i}>
                  {`Request ${a.request}, attempt ${a.attempt}: ${a.status ?? 'no answer'} · ${count(Math.round(a.durationMs))} ms`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {attempt ? (
          <>
            <p className="request-line mono">
              <strong>{attempt.method}</strong> {attempt.url}
            </p>
            <dl className="request-facts">
              <dt>Status</dt>
              <dd>{attempt.status ?? 'no answer'}</dd>
              <dt>Started</dt>
              <dd className="mono">{time(attempt.startedAt)} UTC</dd>
              <dt>Took</dt>
              <dd>{count(Math.round(attempt.durationMs))} ms</dd>
              <dt>Events</dt>
              <dd>{record ? count(record.eventCount) : '…'}</dd>
            </dl>
            {attempt.error ? <p className="request-error">{attempt.error}</p> : null}
            <div className="request-actions">
              <button type="button" className="button small" onClick={view.copyCurl}>
                Copy as curl
              </button>
              {view.copied ? (
                <span role="status" className="muted">
                  {view.copied.message}
                </span>
              ) : null}
            </div>
            {view.copied?.command ? (
              <textarea
                className="curl-text mono"
                readOnly
                aria-label="curl command"
                value={view.copied.command}
                rows={6}
              />
            ) : null}
            {view.error ? <p className="request-error">{view.error}</p> : null}
            <details className="request-part">
              <summary>Headers ({Object.keys(attempt.headers).length})</summary>
              <dl className="request-facts headers">
                {Object.entries(attempt.headers).map(([name, value]) => (
                  <div key={name} className="header-row">
                    <dt className="mono">{name}</dt>
                    <dd className="mono">{value}</dd>
                  </div>
                ))}
              </dl>
            </details>
            <details className="request-part">
              <summary>Body ({kilobytes(attempt.bodyBytes)})</summary>
              <pre className="raw-response" tabIndex={0} aria-label="Request body">
                {view.body}
              </pre>
              {view.truncated ? (
                <button type="button" className="button small show-all" onClick={view.showAll}>
                  Show all {kilobytes(attempt.bodyBytes)}
                </button>
              ) : null}
            </details>
            <details className="request-part" open>
              <summary>Response</summary>
              <pre className="raw-response" tabIndex={0} aria-label="Raw response">
                {readable(attempt.response ?? '')}
              </pre>
            </details>
          </>
        ) : (
          <>
            {record?.error ? <p className="request-error">{record.error}</p> : null}
            <pre className="raw-response" tabIndex={0} aria-label="Raw response">
              {readable(record?.responseText ?? '')}
            </pre>
          </>
        )}
      </div>
    </section>
  );
}
