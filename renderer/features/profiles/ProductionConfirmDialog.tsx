// Asked before every send to a profile flagged production (unless turned off for that profile): which
// target, which collections, how many events. Cancel is the default button.
import { useRef } from 'react';
import { plural } from '../../../core/text/plural';
import type { Profile } from '../../../electron/contract/channels';
import { Dialog } from '../../ui/Dialog';
import type { CollectionCount } from './production-send';
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
  const shown = collections?.slice(0, 12) ?? [];
  return (
    <Dialog
      role="alertdialog"
      className="production-dialog"
      title={
        <>
          <span className="swatch" style={{ background: profile.color }} aria-hidden="true" /> Send to production target
          “{profile.name}”?
        </>
      }
      onClose={onCancel}
      initialFocus={cancel}
      message={
        <>
          <p>
            {plural(events, 'event')} will be sent to <span className="mono">{profile.baseUrl}</span>, project{' '}
            <span className="mono">{profile.projectId}</span>. Events stored there cannot be taken back.
          </p>
          {collections ? (
            <ul className="production-collections" aria-label="Collections to send">
              {shown.map((c) => (
                <li key={c.name}>
                  <span className="mono">{c.name}</span>: {plural(c.events, 'event')}
                </li>
              ))}
              {collections.length > shown.length ? (
                <li>… and {collections.length - shown.length} more collections</li>
              ) : null}
            </ul>
          ) : null}
        </>
      }
      actions={
        <>
          <button ref={cancel} type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={onConfirm}>
            Send to {profile.name}
          </button>
        </>
      }
    />
  );
}
