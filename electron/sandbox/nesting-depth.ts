// How deeply a JSON text nests, found by one scan of its characters (strings skipped): a text no deeper
// than a bound holds nothing JSON.stringify could fail on, so the push need not serialize to find out.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** True when no object or array in `text` (valid JSON) lies more than `limit` levels deep. */
export function nestsAtMost(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > limit) return false;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return true;
}
