// The one modal dialog shell: backdrop, heading, optional message, body and buttons; Escape closes it,
// Tab stays inside while it is open, and focus goes back to where it was when it closes.
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useFocusTrap } from './use-focus-trap';

interface Props {
  /** The heading. Plain text names the dialog itself; a heading with markup (a swatch) names it by reference. */
  readonly title: ReactNode;
  /** `alertdialog` for a question that interrupts a flow and must be answered. */
  readonly role?: 'dialog' | 'alertdialog';
  /** The dialog's own class beside `dialog` (its width, its layout). */
  readonly className?: string;
  /** Escape, and whatever else closes it without an answer. */
  readonly onClose: () => void;
  /** What takes focus on open; the first control otherwise. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  /** Controls on the heading's row (filters, actions); without them and `closeButton` the heading stands alone. */
  readonly tools?: ReactNode;
  /** A Close button at the end of the heading's row (it calls `onClose`). */
  readonly closeButton?: boolean;
  /** What a question is about: the dialog's accessible description. */
  readonly message?: ReactNode;
  /** The row of buttons at the bottom. */
  readonly actions?: ReactNode;
  readonly children?: ReactNode;
}

const FIRST_CONTROL = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled])';

export function Dialog(props: Props) {
  const {
    title,
    role = 'dialog',
    className,
    onClose,
    initialFocus,
    tools,
    closeButton,
    message,
    actions,
    children,
  } = props;
  const ids = useId();
  const box = useRef<HTMLDivElement>(null);
  const trap = useFocusTrap(box);
  // Read while rendering, before anything inside can take focus: the control that opened the dialog.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const node = box.current;
    const target = initialFocus?.current ?? node?.querySelector<HTMLElement>(FIRST_CONTROL) ?? node;
    target?.focus();
    return () => {
      // Unless the answer moved focus on purpose (Fix first selects the error in the editor).
      const active = document.activeElement;
      const lost = active === null || active === document.body || node?.contains(active) === true;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [initialFocus, opener]);

  const heading = typeof title === 'string' ? <h2>{title}</h2> : <h2 id={`${ids}-title`}>{title}</h2>;
  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        role={role}
        aria-modal="true"
        {...(typeof title === 'string' ? { 'aria-label': title } : { 'aria-labelledby': `${ids}-title` })}
        {...(message ? { 'aria-describedby': `${ids}-message` } : {})}
        className={className ? `dialog ${className}` : 'dialog'}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          trap(e);
        }}
      >
        {tools || closeButton ? (
          <header className="dialog-header">
            {heading}
            {tools}
            {closeButton ? (
              <button type="button" className="button small dialog-close" onClick={onClose}>
                Close
              </button>
            ) : null}
          </header>
        ) : (
          heading
        )}
        {message ? <div id={`${ids}-message`}>{message}</div> : null}
        {children}
        {actions ? <div className="dialog-buttons">{actions}</div> : null}
      </div>
    </div>
  );
}
