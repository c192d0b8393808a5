// The "Profiles" button beside the Target selector, and the dialog it opens (focus returns to it on close).
import { useState } from 'react';
import type { Profile } from '../../../electron/contract/channels';
import type { Host } from '../../platform/host';
import { ProfilesDialog } from './ProfilesDialog';

interface Props {
  readonly host: Host;
  readonly profiles: readonly Profile[];
  readonly selectedId: string | undefined;
  readonly onChanged: () => void;
  readonly disabled?: boolean;
}

export function ProfilesButton({ host, profiles, selectedId, onChanged, disabled }: Props) {
  const [open, setOpen] = useState(false);
  // The list was reloaded after each change; reloading again here could undo a selection made right after closing.
  const close = () => setOpen(false);
  const warn = profiles.some((p) => p.key.problem !== undefined);
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => setOpen(true)}
        disabled={disabled}
        title="Create, edit and test targets"
      >
        Profiles{warn ? ' ⚠' : ''}
      </button>
      {open ? (
        <ProfilesDialog host={host} profiles={profiles} initialId={selectedId} onChanged={onChanged} onClose={close} />
      ) : null}
    </>
  );
}
