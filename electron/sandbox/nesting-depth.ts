// How deeply a JSON text nests, found by one scan of its characters (strings skipped): a text no deeper
// than a bound holds nothing JSON.stringify could fail on, so the push need not serialize to find out.
import { stringEnd } from '../../core/batch/parse';
import { CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../../core/json/char-codes';

/** True when no object or array in `text` (valid JSON) lies more than `limit` levels deep. */
export function nestsAtMost(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Most of a batch's text is strings: the parser's reader hops over them with indexOf.
      i = stringEnd(text, i) - 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > limit) return false;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return true;
}
