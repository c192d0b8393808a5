// One entry of a dialog's list beside its form (a profile, a schema): a button, marked while it is the one open.
import type { ReactNode } from 'react';

interface Props {
  readonly current: boolean;
  readonly onChoose: () => void;
  /** The entry's own class beside `dialog-nav-item`. */
  readonly className: string;
  readonly children: ReactNode;
}

export function DialogNavItem({ current, onChoose, className, children }: Props) {
  return (
    <li>
      <button
        type="button"
        className={`dialog-nav-item ${className}`}
        aria-current={current ? 'true' : undefined}
        onClick={onChoose}
      >
        {children}
      </button>
    </li>
  );
}
