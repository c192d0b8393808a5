// Asked before closing a tab with unsaved changes: Save, Don't save, or Cancel (Escape).
import { useEffect, useRef } from 'react';

export type CloseChoice = 'save' | 'discard' | 'cancel';

export function CloseTabDialog({
  title,
  onChoose,
}: {
  readonly title: string;
  readonly onChoose: (choice: CloseChoice) => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="close-dialog-title"
        aria-describedby="close-dialog-text"
        className="dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onChoose('cancel');
        }}
      >
        <h2 id="close-dialog-title">Save changes to {title}?</h2>
        <p id="close-dialog-text">
          This tab has changes that are not saved to a file. If you close it without saving, they are gone.
        </p>
        <div className="dialog-buttons">
          <button ref={first} type="button" className="button primary" onClick={() => onChoose('save')}>
            Save
          </button>
          <button type="button" className="button" onClick={() => onChoose('discard')}>
            Don’t save
          </button>
          <button type="button" className="button" onClick={() => onChoose('cancel')}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
