// Asked before every send to a profile flagged production (unless turned off for that profile): which
// target, which collections, how many events. Cancel is the default button.
import { useEffect, useRef } from 'react';
import type { Profile } from '../../../electron/contract/channels';
import type { CollectionCount } from './production-send';
import { useFocusTrap } from './use-focus-trap';
import './profiles.css';

interface Props {
  readonly profile: Profile;
  readonly collections: readonly CollectionCount[] | undefined;
  readonly events: number;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ProductionConfirmDialog({ profile, collections, events, onConfirm, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const trap = useFocusTrap(box);
  useEffect(() => cancel.current?.focus(), []);
  const shown = collections?.slice(0, 12) ?? [];
  return (
    <div className="dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="production-dialog-title"
        aria-describedby="production-dialog-text"
        className="dialog production-dialog"
        ref={box}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          trap(e);
        }}
      >
        <h2 id="production-dialog-title">
          <span className="swatch" style={{ background: profile.color }} aria-hidden="true" /> Send to production target
          “{profile.name}”?
        </h2>
        <div id="production-dialog-text">
          <p>
            {events.toLocaleString('en-US')} {events === 1 ? 'event' : 'events'} will be sent to{' '}
            <span className="mono">{profile.baseUrl}</span>, project <span className="mono">{profile.projectId}</span>.
            Events stored there cannot be taken back.
          </p>
          {collections ? (
            <ul className="production-collections" aria-label="Collections to send">
              {shown.map((c) => (
                <li key={c.name}>
                  <span className="mono">{c.name}</span>: {c.events.toLocaleString('en-US')}{' '}
                  {c.events === 1 ? 'event' : 'events'}
                </li>
              ))}
              {collections.length > shown.length ? (
                <li>… and {collections.length - shown.length} more collections</li>
              ) : null}
            </ul>
          ) : null}
        </div>
        <div className="dialog-buttons">
          <button ref={cancel} type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={onConfirm}>
            Send to {profile.name}
          </button>
        </div>
      </div>
    </div>
  );
}
