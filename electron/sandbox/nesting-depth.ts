// How deeply a JSON text nests, found by one scan of its characters (strings skipped): a text no deeper
// than a bound holds nothing JSON.stringify could fail on, so the push need not serialize to find out.
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../../core/json/char-codes';

/** True when no object or array in `text` (valid JSON) lies more than `limit` levels deep. */
export function nestsAtMost(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = closingQuote(text, i);
      if (i < 0) return true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > limit) return false;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return true;
}

/** The quote closing the string opened at `open`: most of a batch's text is strings, skipped by indexOf. */
function closingQuote(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); at >= 0; at = text.indexOf('"', at + 1)) {
    // Escaped when an odd run of backslashes comes before it.
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes++;
    if ((slashes & 1) === 0) return at;
  }
  return -1;
}
