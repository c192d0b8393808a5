// "Send by bulk import": the button (suggested above the threshold), its progress bar and Cancel while it
// runs, and after it the imports' result and a way to delete the objects left in the bucket.
import type { BulkImporter } from './use-bulk-import';
import { bulkProgressPercent, bulkProgressText } from './bulk-progress';

interface Props {
  readonly bulk: BulkImporter;
  /** Events in the active document (from the linter), to compare with the threshold. */
  readonly events: number;
  readonly threshold: number;
  /** The target has a bulk import section: only then is the bulk import suggested (it cannot run without one). */
  readonly ready: boolean;
  /** Another send or import is running, or there is no target. */
  readonly disabled: boolean;
  readonly onStart: () => void;
}

const n = (x: number) => x.toLocaleString('en-US');

export function BulkImportControls({ bulk, events, threshold, ready, disabled, onStart }: Props) {
  const suggested = ready && events >= threshold;
  const report = bulk.report;
  const percent = bulk.progress ? bulkProgressPercent(bulk.progress) : 0;
  return (
    <div className="bulk-import" role="group" aria-label="Bulk import">
      <button
        type="button"
        className={`button${suggested ? ' primary' : ''}`}
        onClick={onStart}
        disabled={disabled || bulk.running}
        title={`Upload the events to the profile's S3 bucket and load them with the API's bulk import${suggested ? ` (suggested from ${n(threshold)} events)` : ''}${ready ? '' : ' (this target has no bulk import section: add one in Profiles)'}`}
      >
        Send by bulk import
      </button>
      {suggested && !bulk.running && !report ? (
        <span className="bulk-hint">{n(events)} events: bulk import suggested</span>
      ) : null}
      {bulk.running ? (
        <>
          <div className="send-progress">
            <div
              role="progressbar"
              aria-label="Bulk import progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={bulk.progress ? bulkProgressText(bulk.progress) : 'Starting'}
              className="progress-track"
            >
              <span className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <span className="progress-text">{bulk.progress ? bulkProgressText(bulk.progress) : 'Starting…'}</span>
          </div>
          <button type="button" className="button" onClick={bulk.cancel}>
            Cancel bulk import
          </button>
        </>
      ) : null}
      {report && !bulk.running ? (
        <span className="bulk-result" role="status">
          {report.imports
            .map(
              (i) =>
                `${i.collection}: ${i.status}, ${n(i.importedEvents)} imported, ${n(i.duplicateEvents)} duplicates`,
            )
            .join(' · ')}
          {report.uploads.length > 0 ? (
            <button type="button" className="button small" onClick={() => void bulk.deleteUploads()}>
              Delete uploaded objects
            </button>
          ) : null}
          {bulk.cleanup ? <span className="bulk-cleanup">{bulk.cleanup}</span> : null}
        </span>
      ) : null}
    </div>
  );
}
