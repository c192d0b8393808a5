// The Import dialog: a file's first rows and every problem (at lines as an editor shows them) before
// anything is inserted; the collection (new or one of this tab's), ids, a timestamp shift, CSV column types.
import { useMemo, useState } from 'react';
import type { ColumnType, ImportOptions, ImportResult } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';
import { Dialog } from '../../ui/Dialog';
import { useImportPreview } from './use-import-preview';

export interface ImportTarget {
  /** Collections of the active tab's batch; undefined when that tab cannot take events (not a batch). */
  readonly collections: readonly string[] | undefined;
  readonly tabTitle: string | undefined;
}

interface Props {
  readonly host: Host;
  readonly file: { readonly name: string; readonly text: string };
  readonly target: ImportTarget;
  /** `where`: a new tab, or added to the active tab's batch. */
  readonly onImported: (result: ImportResult, collection: string, where: 'new-tab' | 'this-tab') => void;
  readonly onCancel: () => void;
}

type ShiftMode = 'none' | 'by' | 'latestAt';

// A list of a thousand bad lines says no more than its first few hundred, and costs the DOM much more.
const MAX_PROBLEMS_SHOWN = 500;

const suggestedCollection = (fileName: string): string =>
  fileName
    .replace(/\.[^.]+$/, '')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '') || 'events';

/** "Line 3, column 5: " unless the message already says where. */
const where = (p: { line?: number | undefined; column?: number | undefined; message: string }) =>
  p.line && !/^Line \d/.test(p.message) ? `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ` : '';

export function ImportDialog({ host, file, target, onImported, onCancel }: Props) {
  const [collection, setCollection] = useState(() => suggestedCollection(file.name));
  const [addIds, setAddIds] = useState(true);
  const [shiftMode, setShiftMode] = useState<ShiftMode>('none');
  const [shiftValue, setShiftValue] = useState('');
  const [columnTypes, setColumnTypes] = useState<Record<string, ColumnType>>({});
  const [destination, setDestination] = useState<'new-tab' | 'this-tab'>('new-tab');
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<string | undefined>(undefined);

  const options: ImportOptions | undefined = useMemo(() => {
    if (!collection.trim()) return undefined;
    const shift =
      shiftMode === 'by' && shiftValue.trim()
        ? { by: shiftValue.trim() }
        : shiftMode === 'latestAt' && shiftValue.trim()
          ? { latestAt: shiftValue.trim() }
          : undefined;
    return {
      text: file.text,
      fileName: file.name,
      collection: collection.trim(),
      addIds,
      ...(shift ? { shift } : {}),
      ...(Object.keys(columnTypes).length ? { columnTypes } : {}),
    };
  }, [file, collection, addIds, shiftMode, shiftValue, columnTypes]);
  const { preview, error, loading } = useImportPreview(host, options);

  const apply = async () => {
    if (!options) return;
    setApplying(true);
    try {
      const result = await host.invoke('import:apply', options);
      onImported(result, options.collection, destination);
    } catch (e) {
      setApplyError(messageOf(e));
      setApplying(false);
    }
  };

  return (
    <Dialog
      title="Import"
      className="import-dialog"
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!preview || applying || preview.total === 0}
            onClick={() => void apply()}
          >
            Import {preview ? preview.total.toLocaleString('en-US') : ''} events
          </button>
        </>
      }
    >
      <p className="muted">
        {file.name}
        {preview
          ? ` · ${preview.format.toUpperCase()} · ${preview.total.toLocaleString('en-US')} events to insert`
          : ''}
        {loading ? ' · reading…' : ''}
      </p>
      <div className="import-options">
        <label>
          Collection
          <input
            list="import-collections"
            value={collection}
            onChange={(e) => setCollection(e.target.value)}
            aria-describedby="import-collection-help"
          />
        </label>
        <datalist id="import-collections">
          {(target.collections ?? []).map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <span id="import-collection-help" className="muted small">
          A new name, or one of this tab’s collections
        </span>
        <label className="check">
          <input type="checkbox" checked={addIds} onChange={(e) => setAddIds(e.target.checked)} /> Add missing ids (UUID
          v4, so a resend cannot count an event twice)
        </label>
        <label>
          Timestamps
          <select value={shiftMode} onChange={(e) => setShiftMode(e.target.value as ShiftMode)}>
            <option value="none">keep as they are</option>
            <option value="by">shift by a duration</option>
            <option value="latestAt">shift so the latest is at</option>
          </select>
        </label>
        {shiftMode !== 'none' ? (
          <label>
            {shiftMode === 'by' ? 'Duration (e.g. 3d, -2h, PT90M)' : 'Latest at (ISO time)'}
            <input
              value={shiftValue}
              onChange={(e) => setShiftValue(e.target.value)}
              placeholder={shiftMode === 'by' ? '3d' : new Date().toISOString()}
            />
          </label>
        ) : null}
        <fieldset className="import-destination">
          <legend>Put the events</legend>
          <label className="check">
            <input
              type="radio"
              name="import-destination"
              checked={destination === 'new-tab'}
              onChange={() => setDestination('new-tab')}
            />{' '}
            in a new tab
          </label>
          <label className="check">
            <input
              type="radio"
              name="import-destination"
              disabled={!target.collections}
              checked={destination === 'this-tab'}
              onChange={() => setDestination('this-tab')}
            />{' '}
            into {target.tabTitle ?? 'this tab'}
            {target.collections ? '' : ' (not a batch)'}
          </label>
        </fieldset>
      </div>
      {preview?.columns && preview.columns.length > 0 ? (
        <table className="import-columns" aria-label="Columns">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c) => (
              <tr key={c.name}>
                <td className="mono">{c.name}</td>
                <td>
                  <select
                    aria-label={`Type of ${c.name}`}
                    value={columnTypes[c.name] ?? c.type}
                    onChange={(e) => setColumnTypes((prev) => ({ ...prev, [c.name]: e.target.value as ColumnType }))}
                  >
                    <option value="auto">auto</option>
                    <option value="string">text</option>
                    <option value="number">number</option>
                    <option value="boolean">true/false</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3 className="import-heading">First rows</h3>
      <ol className="import-rows mono" aria-label="First rows" tabIndex={0}>
        {(preview?.events ?? []).map((event, i) => (
          <li key={i}>{JSON.stringify(event)}</li>
        ))}
      </ol>
      {preview && preview.problems.length > 0 ? (
        <>
          <h3 className="import-heading">
            {preview.problems.length === 1
              ? '1 problem (left out)'
              : `${preview.problems.length.toLocaleString('en-US')} problems (left out)`}
          </h3>
          <ul className="import-problems" aria-label="Import problems" tabIndex={0}>
            {preview.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p, i) => (
              <li key={i}>
                {where(p)}
                {p.message}
              </li>
            ))}
            {preview.problems.length > MAX_PROBLEMS_SHOWN ? (
              <li className="muted">
                and {(preview.problems.length - MAX_PROBLEMS_SHOWN).toLocaleString('en-US')} more
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
      {error || applyError ? (
        <p role="alert" className="error-text">
          {applyError ?? error}
        </p>
      ) : null}
    </Dialog>
  );
}
