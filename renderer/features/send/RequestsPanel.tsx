// What the last send did on the wire: target URL, collections and counts, requests with their raw
// responses in a read-only viewer. The key shows only as the hint main gives (•••• + last 4).
import { useState } from 'react';
import type { SendReport } from '../../../electron/contract/channels';

/** The body as sent back, indented when it is JSON of a readable size (the text stays the same data). */
const readable = (text: string): string => {
  if (text.length > 200_000) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

export function RequestsPanel({ report }: { readonly report: SendReport | undefined }) {
  const [chosen, setChosen] = useState(0);
  if (!report) {
    return (
      <section className="requests-panel" aria-labelledby="requests-heading">
        <header className="panel-header">
          <h2 id="requests-heading">Requests</h2>
        </header>
        <p className="empty-note">The requests of the last send appear here.</p>
      </section>
    );
  }
  const request = report.requests[Math.min(chosen, report.requests.length - 1)];
  return (
    <section className="requests-panel" aria-labelledby="requests-heading">
      <header className="panel-header">
        <h2 id="requests-heading">Requests</h2>
        {report.cancelled ? <span className="tag">cancelled</span> : null}
      </header>
      <dl className="request-summary">
        <dt>URL</dt>
        <dd className="mono">POST {report.target.url.replace(/\/$/, '')}/events</dd>
        <dt>Target</dt>
        <dd>{report.target.profileName}</dd>
        <dt>Project</dt>
        <dd className="mono">{report.target.projectId}</dd>
        <dt>Key</dt>
        <dd className="mono">{report.target.keyHint}</dd>
        <dt>Collections</dt>
        <dd>{report.collections.map((c) => `${c.name} (${c.events.toLocaleString('en-US')})`).join(', ') || 'none'}</dd>
        <dt>Requests</dt>
        <dd>{report.requests.length}</dd>
      </dl>
      {report.requests.length > 0 ? (
        <>
          <label className="field">
            <span>Response of</span>
            <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
              {report.requests.map((r, i) => (
                <option key={r.request} value={i}>
                  {`Request ${r.request}: ${r.eventCount} events, ${r.status ?? 'no answer'}${r.attempts > 1 ? `, ${r.attempts} attempts` : ''}`}
                </option>
              ))}
            </select>
          </label>
          {request?.error ? <p className="request-error">{request.error}</p> : null}
          <pre className="raw-response" tabIndex={0} aria-label="Raw response">
            {readable(request?.responseText ?? '')}
          </pre>
        </>
      ) : null}
    </section>
  );
}
