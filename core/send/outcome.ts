// What a client concludes about each event of a batch (spec §9).

export type Outcome = 'accepted' | 'duplicate' | 'rejected' | 'not-sent' | 'unknown' | 'imported';

export const OUTCOMES: readonly Outcome[] = ['accepted', 'duplicate', 'rejected', 'not-sent', 'unknown', 'imported'];

/** One event's outcome, addressed by its place in the original batch. */
export interface EventOutcome {
  readonly collection: string;
  /** Position of the event in its collection's array in the original batch. */
  readonly index: number;
  /** The event's root `id` when it has a valid one. */
  readonly id?: string | number;
  readonly outcome: Outcome;
  /** The server's message (rejected, duplicate) or why it was not sent / is unknown. */
  readonly message?: string;
  /** 1-based number of the request (chunk) that carried it; absent when it was never planned into one. */
  readonly request?: number;
  /** True for a rejection the API calls retryable (storage trouble, spec §9). */
  readonly retryable?: boolean;
}

/** The text shown for an outcome (tests and the results grid rely on these words). */
export function outcomeLabel(outcome: Outcome): string {
  switch (outcome) {
    case 'accepted':
      return 'accepted';
    case 'duplicate':
      return 'duplicate';
    case 'rejected':
      return 'rejected';
    case 'not-sent':
      return 'not sent';
    case 'unknown':
      return 'unknown';
    case 'imported':
      return 'imported';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
