// The send controls: target selector with the profile's colour, Send and Cancel, and the progress bar.
import type { ReactNode } from 'react';
import type { Profile, SendProgress } from '../../../electron/contract/channels';
import { ProfileSelect } from '../profiles/ProfileSelect';

interface Props {
  readonly profiles: readonly Profile[];
  readonly selected: Profile | undefined;
  readonly onSelect: (id: string) => void;
  readonly sending: boolean;
  readonly progress: SendProgress | undefined;
  readonly onSend: () => void;
  readonly onCancel: () => void;
  /** Shown right after the Target selector (the profiles button). */
  readonly targetTools?: ReactNode;
}

export function SendToolbar({ profiles, selected, onSelect, sending, progress, onSend, onCancel, targetTools }: Props) {
  const fraction = progress && progress.eventsTotal > 0 ? progress.eventsDone / progress.eventsTotal : 0;
  return (
    <div className="send-toolbar" role="toolbar" aria-label="Send">
      <label className="field target-field">
        <span>Target</span>
        <ProfileSelect
          label="Target"
          profiles={profiles}
          value={selected?.id ?? ''}
          onChange={onSelect}
          disabled={sending}
          empty="Loading targets…"
        />
      </label>
      {targetTools}
      {selected ? (
        <span className="target-badge" title={selected.baseUrl}>
          <span className="swatch" style={{ background: selected.color }} aria-hidden="true" />
          {selected.name}
          {selected.production ? <span className="production-tag">production</span> : null}
        </span>
      ) : null}
      <button
        type="button"
        className="button primary"
        onClick={onSend}
        disabled={sending || !selected}
        title="Send (Ctrl+Enter)"
      >
        Send
      </button>
      <button type="button" className="button" onClick={onCancel} disabled={!sending}>
        Cancel
      </button>
      {sending ? (
        <div className="send-progress">
          <div
            role="progressbar"
            aria-label="Send progress"
            aria-valuemin={0}
            aria-valuemax={progress?.eventsTotal ?? 0}
            aria-valuenow={progress?.eventsDone ?? 0}
            aria-valuetext={
              progress
                ? `${progress.requestsDone} of ${progress.requestsTotal} requests, ${progress.eventsDone} of ${progress.eventsTotal} events`
                : 'Starting'
            }
            className="progress-track"
          >
            <span className="progress-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
          </div>
          <span className="progress-text">
            {progress
              ? `${progress.requestsDone}/${progress.requestsTotal} requests · ${progress.eventsDone.toLocaleString('en-US')}/${progress.eventsTotal.toLocaleString('en-US')} events`
              : 'Starting…'}
          </span>
        </div>
      ) : null}
    </div>
  );
}
