// Asked before sending a batch with lint errors: what will happen, and the three ways forward.
import { plural } from '../../../core/text/plural';
import { Dialog } from '../../ui/Dialog';

export type SendChoice = 'fix' | 'valid-only' | 'all';

interface Props {
  readonly errors: number;
  readonly events: number;
  readonly onChoose: (choice: SendChoice) => void;
}

export function SendConfirmDialog({ errors, events, onChoose }: Props) {
  return (
    <Dialog
      title={`The batch has ${plural(errors, 'error')}`}
      onClose={() => onChoose('fix')}
      message={
        <p>
          The server rejects events that break its rules, and a document that is not valid JSON cannot be sent at all.
          Of {events.toLocaleString('en-US')} events, the ones with errors will come back as <strong>rejected</strong>{' '}
          if you send anyway, or stay <strong>not sent</strong> if you send only the valid events.
        </p>
      }
      actions={
        <>
          <button type="button" className="button" onClick={() => onChoose('fix')}>
            Fix first
          </button>
          <button type="button" className="button" onClick={() => onChoose('valid-only')}>
            Send only valid events
          </button>
          <button type="button" className="button danger" onClick={() => onChoose('all')}>
            Send anyway
          </button>
        </>
      }
    />
  );
}
