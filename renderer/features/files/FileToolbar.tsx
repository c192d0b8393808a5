// The in-window file controls: Open, Save, Import, History (names tests and users rely on), recent files in
// Electron, and the hidden picker input the browser host uses.
import type { RecentFile } from '../../../electron/contract/channels';

interface Props {
  readonly input: React.RefObject<HTMLInputElement | null>;
  readonly recent: readonly RecentFile[];
  readonly onOpen: () => void;
  readonly onOpenRecent: (path: string) => void;
  readonly onSave: () => void;
  readonly onImport: () => void;
  readonly onHistory: () => void;
}

export function FileToolbar({ input, recent, onOpen, onOpenRecent, onSave, onImport, onHistory }: Props) {
  return (
    <div className="file-toolbar" role="group" aria-label="File">
      <button type="button" className="button small" onClick={onOpen} title="Open a batch file (Ctrl+O)">
        Open
      </button>
      <button
        type="button"
        className="button small"
        onClick={onSave}
        title="Save this tab (Ctrl+S; Save As: Ctrl+Shift+S)"
      >
        Save
      </button>
      <button
        type="button"
        className="button small"
        onClick={onImport}
        title="Import events from NDJSON, CSV, a JSON array or a Connect export"
      >
        Import
      </button>
      <button
        type="button"
        className="button small"
        onClick={onHistory}
        title="Every send, kept as a run (Ctrl+Shift+H)"
      >
        History
      </button>
      {recent.length > 0 ? (
        <select
          className="recent-files"
          aria-label="Recent files"
          value=""
          onChange={(e) => {
            if (e.target.value) onOpenRecent(e.target.value);
          }}
        >
          <option value="">Recent…</option>
          {recent.map((f) => (
            <option key={f.path} value={f.path} title={f.path}>
              {f.name}
            </option>
          ))}
        </select>
      ) : null}
      <input ref={input} type="file" hidden tabIndex={-1} aria-hidden="true" />
    </div>
  );
}
