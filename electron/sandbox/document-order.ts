// The order of a JSON object's keys as written. JSON.parse moves keys that look like array indexes ("0",
// "42") to the front, but spec §3 checks collections in document order, so that order is read from the text.

const isArrayIndex = (key: string): boolean => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;

/** True when JSON.parse may have reordered these keys. */
export const mayBeReordered = (keys: readonly string[]): boolean => keys.some(isArrayIndex);

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Top-level keys of a JSON object text in the order written, each once at its first place (as JSON.parse
 * keeps a repeated key). Expects text JSON.parse has accepted as an object; undefined if it cannot tell.
 */
export function topLevelKeyOrder(text: string): string[] | undefined {
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  const readString = (): string | undefined => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i += 2;
      else if (c === 0x22) {
        i++;
        return text.slice(start, i);
      } else i++;
    }
    return undefined;
  };
  const skipValue = (): boolean => {
    let depth = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        if (readString() === undefined) return false;
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) return true;
        depth--;
      } else if (c === 0x2c && depth === 0) return true;
      i++;
    }
    return false;
  };

  skipSpace();
  if (text.charCodeAt(i) === 0xfeff) i++;
  skipSpace();
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  i++;
  const seen = new Set<string>();
  const keys: string[] = [];
  for (;;) {
    skipSpace();
    if (text.charCodeAt(i) === 0x7d) return keys;
    if (text.charCodeAt(i) !== 0x22) return undefined;
    const quoted = readString();
    if (quoted === undefined) return undefined;
    const key = JSON.parse(quoted) as string;
    if (!seen.has(key)) {
      seen.add(key);
      keys.push(key);
    }
    skipSpace();
    if (text.charCodeAt(i) !== 0x3a) return undefined;
    i++;
    skipSpace();
    if (!skipValue()) return undefined;
    if (text.charCodeAt(i) === 0x2c) i++;
  }
}
