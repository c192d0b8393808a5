// The tab strip of open documents, with the unsaved-changes marker and new/close buttons.
import type { BatchDocument } from './use-documents';

interface Props {
  readonly documents: readonly BatchDocument[];
  readonly activeId: string | undefined;
  readonly dirty: ReadonlySet<string>;
  readonly onActivate: (id: string) => void;
  readonly onClose: (id: string) => void;
  readonly onNew: () => void;
}

export function DocumentTabs({ documents, activeId, dirty, onActivate, onClose, onNew }: Props) {
  return (
    <div className="doc-tabs">
      <div role="group" aria-label="Documents" className="doc-tablist">
        {documents.map((doc) => (
          <div key={doc.id} className={`doc-tab${doc.id === activeId ? ' active' : ''}`}>
            <button
              type="button"
              aria-current={doc.id === activeId ? 'true' : undefined}
              className="doc-tab-name"
              onClick={() => onActivate(doc.id)}
              title={dirty.has(doc.id) ? `${doc.title} (changed since it was sent)` : doc.title}
            >
              {doc.title}
              {dirty.has(doc.id) ? (
                <span className="dirty-marker" aria-label="unsent changes">
                  {' '}•
                </span>
              ) : null}
            </button>
            <button type="button" className="doc-tab-close" aria-label={`Close ${doc.title}`} onClick={() => onClose(doc.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      <button type="button" className="icon-button" onClick={onNew} aria-label="New document" title="New document (Ctrl+N)">
        +
      </button>
    </div>
  );
}
