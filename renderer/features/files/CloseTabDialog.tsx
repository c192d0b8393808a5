// Asked before closing a tab with unsaved changes: Save, Don't save, or Cancel (Escape).
import { Dialog } from '../../ui/Dialog';

export type CloseChoice = 'save' | 'discard' | 'cancel';

export function CloseTabDialog({
  title,
  onChoose,
}: {
  readonly title: string;
  readonly onChoose: (choice: CloseChoice) => void;
}) {
  return (
    <Dialog
      role="alertdialog"
      title={`Save changes to ${title}?`}
      onClose={() => onChoose('cancel')}
      message={<p>This tab has changes that are not saved to a file. If you close it without saving, they are gone.</p>}
      actions={
        <>
          <button type="button" className="button primary" onClick={() => onChoose('save')}>
            Save
          </button>
          <button type="button" className="button" onClick={() => onChoose('discard')}>
            Don’t save
          </button>
          <button type="button" className="button" onClick={() => onChoose('cancel')}>
            Cancel
          </button>
        </>
      }
    />
  );
}
