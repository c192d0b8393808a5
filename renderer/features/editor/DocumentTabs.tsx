// The tab strip of open documents, with the unsaved-changes marker and new/close buttons. It scrolls
// when the tabs do not fit, keeps the active tab in view, and lists every tab in an overflow menu.
import { useEffect, useRef, useState } from 'react';
import type { BatchDocument } from './use-documents';

interface Props {
  readonly documents: readonly BatchDocument[];
  readonly activeId: string | undefined;
  readonly dirty: ReadonlySet<string>;
  readonly onActivate: (id: string) => void;
  readonly onClose: (id: string) => void;
  readonly onNew: () => void;
}

/** True while the strip is wider than its room (then the overflow menu shows). */
function useOverflow(strip: React.RefObject<HTMLDivElement | null>, count: number): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const el = strip.current;
    if (!el) return;
    const check = () => setOverflowing(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [strip, count]);
  return overflowing;
}

/**
 * Scrolls the strip, and only it, so the tab is in view. Not scrollIntoView: Chromium moves the point
 * sequential focus navigation starts from to the element scrolled to, so Tab after launch skipped the header.
 */
function revealTab(strip: HTMLElement, tab: HTMLElement): void {
  const room = strip.getBoundingClientRect();
  const place = tab.getBoundingClientRect();
  if (place.left < room.left) strip.scrollLeft -= room.left - place.left;
  else if (place.right > room.right) strip.scrollLeft += Math.min(place.right - room.right, place.left - room.left);
}

export function DocumentTabs({ documents, activeId, dirty, onActivate, onClose, onNew }: Props) {
  const strip = useRef<HTMLDivElement>(null);
  const overflowing = useOverflow(strip, documents.length);

  useEffect(() => {
    const el = strip.current;
    const tab = el?.querySelector<HTMLElement>('.doc-tab.active');
    if (el && tab) revealTab(el, tab);
  }, [activeId, documents.length]);

  return (
    <div className="doc-tabs">
      <div ref={strip} role="group" aria-label="Documents" className="doc-tablist">
        {documents.map((doc) => (
          <div key={doc.id} className={`doc-tab${doc.id === activeId ? ' active' : ''}`}>
            <button
              type="button"
              aria-current={doc.id === activeId ? 'true' : undefined}
              className="doc-tab-name"
              onClick={() => onActivate(doc.id)}
              title={`${doc.path ?? doc.title}${dirty.has(doc.id) ? ' (unsaved changes)' : ''}`}
            >
              {doc.title}
              {dirty.has(doc.id) ? (
                <span className="dirty-marker" aria-label="unsaved changes">
                  {' '}
                  •
                </span>
              ) : null}
            </button>
            <button
              type="button"
              className="doc-tab-close"
              aria-label={`Close ${doc.title}`}
              onClick={() => onClose(doc.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      {overflowing ? (
        <select
          className="doc-overflow"
          aria-label="All tabs"
          value={activeId ?? ''}
          onChange={(e) => onActivate(e.target.value)}
        >
          {documents.map((doc) => (
            <option key={doc.id} value={doc.id}>
              {doc.title}
              {dirty.has(doc.id) ? ' •' : ''}
            </option>
          ))}
        </select>
      ) : null}
      <button
        type="button"
        className="icon-button"
        onClick={onNew}
        aria-label="New document"
        title="New document (Ctrl+N)"
      >
        +
      </button>
    </div>
  );
}
