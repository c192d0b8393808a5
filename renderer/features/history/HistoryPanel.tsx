// The History panel: every send as a run (time, target, counts per outcome, duration, an incomplete badge),
// searched and filtered; open a run, replay it, resend its failures, compare two, export, delete, clear.
import { memo, useState } from 'react';
import type { Profile, RunSummary } from '../../../electron/contract/channels';
import type { Host } from '../../platform/host';
import { Dialog } from '../../ui/Dialog';
import { ProfileSelect } from '../profiles/ProfileSelect';
import { RunComparisonView } from './RunComparisonView';
import { useHistory, type ExportFormat } from './use-history';

// The outcomes a run counts (a bulk import's `imported` is not a run of this panel).
const RUN_OUTCOMES = ['accepted', 'duplicate', 'rejected', 'not-sent', 'unknown'] as const;
type RunOutcome = (typeof RUN_OUTCOMES)[number];

export interface RunActions {
  open(id: string): Promise<void>;
  replay(id: string, profile: Profile): Promise<void>;
  /** `addIds`: the user accepted ids for events without one (an earlier copy may have been stored). */
  resendFailures(id: string, profile: Profile, addIds: boolean): Promise<{ missingIds: number } | undefined>;
}

interface Props {
  readonly host: Host;
  readonly profiles: readonly Profile[];
  readonly selectedProfileId: string | undefined;
  /** Changes after every send, so the list refreshes. */
  readonly revision: number;
  readonly actions: RunActions;
  /** What the last open, replay or resend said went wrong. */
  readonly actionError: string | undefined;
  readonly onClose: () => void;
}

const duration = (ms: number | undefined) =>
  ms === undefined ? '—' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
// One formatter for every row: building an Intl formatter per call costs more than the row itself.
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
const when = (iso: string) => dateTime.format(new Date(iso));

function Counts({ run }: { readonly run: RunSummary }) {
  return (
    <span className="run-counts">
      {RUN_OUTCOMES.filter((o) => run.counts[o] > 0).map((o) => (
        <span key={o} className="count-chip" data-outcome={o}>
          {run.counts[o].toLocaleString('en-US')} {o}
        </span>
      ))}
    </span>
  );
}

export function HistoryPanel({ host, profiles, selectedProfileId, revision, actions, actionError, onClose }: Props) {
  const history = useHistory(host, true, revision);
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [targetId, setTargetId] = useState(selectedProfileId ?? profiles[0]?.id ?? '');
  const [askIds, setAskIds] = useState<{ id: string; missing: number } | undefined>(undefined);
  const target = profiles.find((p) => p.id === targetId);
  const targets = [...new Set((history.runs ?? []).map((r) => r.target.name ?? r.target.url))];

  const togglePick = (id: string) =>
    setPicked((prev) => (prev.includes(id) ? prev.filter((p) => p !== id) : [...prev.slice(-1), id]));
  const resend = async (id: string, addIds: boolean) => {
    if (!target) return;
    const answer = await actions.resendFailures(id, target, addIds);
    setAskIds(answer && answer.missingIds > 0 ? { id, missing: answer.missingIds } : undefined);
  };

  return (
    <Dialog
      title="History"
      className="dialog-panel history-panel"
      onClose={onClose}
      tools={
        <>
          <input
            type="search"
            aria-label="Search runs"
            placeholder="Event id, collection or message"
            value={history.filter.search}
            onChange={(e) => history.setFilter({ ...history.filter, search: e.target.value })}
          />
          <select
            aria-label="Filter by target"
            value={history.filter.target}
            onChange={(e) => history.setFilter({ ...history.filter, target: e.target.value })}
          >
            <option value="">every target</option>
            {targets.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <select
            aria-label="Filter by outcome"
            value={history.filter.outcome}
            onChange={(e) => history.setFilter({ ...history.filter, outcome: e.target.value as RunOutcome | '' })}
          >
            <option value="">any outcome</option>
            {RUN_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                with {o}
              </option>
            ))}
          </select>
          <label className="field">
            Replay to
            <ProfileSelect label="Replay to" profiles={profiles} value={targetId} onChange={setTargetId} />
          </label>
          <span className="tools-spacer" />
          <button
            type="button"
            className="button small"
            disabled={picked.length !== 2}
            onClick={() => picked[0] && picked[1] && void history.compare(picked[0], picked[1])}
          >
            Compare
          </button>
          <button
            type="button"
            className="button small danger"
            disabled={!history.runs?.length}
            onClick={() => void history.clear()}
          >
            Clear history
          </button>
        </>
      }
      closeButton
    >
      {history.error || actionError ? (
        <p role="alert" className="error-text">
          {history.error ?? actionError}
        </p>
      ) : null}
      {askIds ? (
        <div role="alert" className="notice">
          <span>
            {askIds.missing === 1 ? '1 event has' : `${askIds.missing.toLocaleString('en-US')} events have`} no id: the
            server may have stored an earlier copy, and a copy sent now counts again.
          </span>
          <button type="button" className="button small" onClick={() => void resend(askIds.id, true)}>
            Add ids and resend
          </button>
          <button type="button" className="button small" onClick={() => setAskIds(undefined)}>
            Not now
          </button>
        </div>
      ) : null}
      {history.comparison ? (
        <RunComparisonView comparison={history.comparison} onClose={history.closeComparison} />
      ) : (
        <RunsTable
          runs={history.runs}
          picked={picked}
          onPick={togglePick}
          actions={actions}
          target={target}
          onResend={(id) => void resend(id, false)}
          onExport={(id, f) => void history.exportRun(id, f)}
          onDelete={(id) => void history.remove(id)}
        />
      )}
    </Dialog>
  );
}

interface TableProps {
  readonly runs: readonly RunSummary[] | undefined;
  readonly picked: readonly string[];
  readonly onPick: (id: string) => void;
  readonly actions: RunActions;
  readonly target: Profile | undefined;
  readonly onResend: (id: string) => void;
  readonly onExport: (id: string, format: ExportFormat) => void;
  readonly onDelete: (id: string) => void;
}

function RunsTable({ runs, picked, onPick, actions, target, onResend, onExport, onDelete }: TableProps) {
  if (!runs) return <p className="muted">Reading history…</p>;
  if (runs.length === 0) return <p className="muted">No runs yet: every send is kept here.</p>;
  return (
    <table className="history-table" aria-label="Runs" tabIndex={0}>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Pick to compare</span>
          </th>
          <th scope="col">Started</th>
          <th scope="col">Target</th>
          <th scope="col">Source</th>
          <th scope="col">Events</th>
          <th scope="col">Outcomes</th>
          <th scope="col">Duration</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <RunRow
            key={run.id}
            run={run}
            picked={picked.includes(run.id)}
            onPick={onPick}
            actions={actions}
            target={target}
            onResend={onResend}
            onExport={onExport}
            onDelete={onDelete}
          />
        ))}
      </tbody>
    </table>
  );
}

type RowProps = Omit<TableProps, 'runs' | 'picked'> & { readonly run: RunSummary; readonly picked: boolean };

const RunRow = memo(function RunRow({ run, picked, onPick, actions, target, onResend, onExport, onDelete }: RowProps) {
  const started = when(run.startedAt);
  return (
    <tr data-run-id={run.id}>
      <td>
        <input
          type="checkbox"
          aria-label={`Pick run of ${started} to compare`}
          checked={picked}
          onChange={() => onPick(run.id)}
        />
      </td>
      <td>
        {started} {run.complete ? null : <span className="tag incomplete">incomplete</span>}
        {run.cancelled ? <span className="tag">cancelled</span> : null}
      </td>
      <td title={`${run.target.url} · project ${run.target.projectId}`}>{run.target.name ?? run.target.url}</td>
      <td>{run.source}</td>
      <td>{run.events.toLocaleString('en-US')}</td>
      <td>
        <Counts run={run} />
      </td>
      <td>{duration(run.durationMs)}</td>
      <td className="run-actions">
        <button type="button" className="button small" onClick={() => void actions.open(run.id)}>
          Open
        </button>
        <button
          type="button"
          className="button small"
          disabled={!target}
          onClick={() => target && void actions.replay(run.id, target)}
        >
          Replay
        </button>
        <button type="button" className="button small" disabled={!target} onClick={() => onResend(run.id)}>
          Resend failures
        </button>
        <select
          aria-label="Export"
          className="recent-files"
          value=""
          onChange={(e) => {
            if (e.target.value) onExport(run.id, e.target.value as ExportFormat);
          }}
        >
          <option value="">Export…</option>
          <option value="csv">Results CSV</option>
          <option value="json">Results JSON</option>
          <option value="junit">JUnit XML</option>
          <option value="failed-batch">Failed events</option>
        </select>
        <button
          type="button"
          className="button small danger"
          aria-label={`Delete run of ${started}`}
          onClick={() => onDelete(run.id)}
        >
          Delete
        </button>
      </td>
    </tr>
  );
});
