// A select of the profiles by name: the send toolbar's Target and History's Replay to.
import type { Profile } from '../../../electron/contract/channels';

interface Props {
  readonly label: string;
  readonly profiles: readonly Profile[];
  readonly value: string;
  readonly onChange: (id: string) => void;
  readonly disabled?: boolean;
  /** The one option while there are no profiles yet (they load after the first paint). */
  readonly empty?: string;
}

export function ProfileSelect({ label, profiles, value, onChange, disabled, empty }: Props) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
      {empty !== undefined && profiles.length === 0 ? <option value="">{empty}</option> : null}
      {profiles.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
