// Small readers of JSON held as UTF-8 bytes, for the paths that keep a batch's bytes instead of parsing it.
import { BACKSLASH, QUOTE } from '../../core/json/char-codes';

/** True when bytes [start, end) hold no backslash: a JSON string there is its bytes, unescaped. */
export function unescaped(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === BACKSLASH) return false;
  return true;
}

/** The JSON string or number at [start, end) (valid JSON), as JSON.parse would read it. */
export function valueAt(bytes: Buffer, start: number, end: number): string | number {
  if (bytes[start] !== QUOTE) return Number(bytes.toString('latin1', start, end));
  if (unescaped(bytes, start + 1, end - 1)) return bytes.toString('utf8', start + 1, end - 1);
  return JSON.parse(bytes.toString('utf8', start, end)) as string;
}

/** The JSON string at [start, end) (a batch's collection name), or undefined when it is not one. */
export function stringAt(bytes: Buffer, start: number, end: number): string | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8', start, end));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
