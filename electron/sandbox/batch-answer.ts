// The answer text of a batch push (spec §3): per collection in document order, one result per event. Nearly
// every result is `{"success":true}`, so runs of them are written at once instead of event by event.
import { RESULT_ACCEPTED } from './api-messages';

/** A result other than `{"success":true}`, at its event's place in the whole batch (collections one after another). */
export interface OtherResult {
  readonly at: number;
  readonly text: string;
}

const acceptedRun = (count: number): string => RESULT_ACCEPTED + `,${RESULT_ACCEPTED}`.repeat(count - 1);

/** `others` in ascending order of `at`; every other event of the batch was accepted. */
export function batchAnswer(
  collections: readonly { readonly name: string; readonly count: number }[],
  others: readonly OtherResult[],
): string {
  let text = '{';
  let start = 0;
  let next = 0;
  for (let c = 0; c < collections.length; c++) {
    const { name, count } = collections[c] as { name: string; count: number };
    const end = start + count;
    const results: string[] = [];
    let from = start;
    for (let other = others[next]; other !== undefined && other.at < end; other = others[++next]) {
      if (other.at > from) results.push(acceptedRun(other.at - from));
      results.push(other.text);
      from = other.at + 1;
    }
    if (end > from) results.push(acceptedRun(end - from));
    text += `${c === 0 ? '' : ','}${JSON.stringify(name)}:[${results.join(',')}]`;
    start = end;
  }
  return text + '}';
}
