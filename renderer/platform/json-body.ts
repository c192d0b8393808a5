// A call's input as the UTF-8 bytes of its JSON, with long strings (a tab's text in workspace:save) turned
// into JSON a slice per task: stringifying and encoding 2 MB of text at once holds the UI thread for
// about 30 ms, and a throttled save comes back every few hundred ms while a big paste goes in.
import { nextTask, sliceEnd } from './slices';

/** Strings at least this long are written in slices; shorter ones go through one JSON.stringify. */
export const LONG_STRING_CHARS = 128 * 1024;
const SLICE_CHARS = 64 * 1024;

/** The JSON of a long string, without its quotes, a slice at a time (a surrogate pair is never cut). */
async function encodeLong(text: string, encoder: TextEncoder, parts: BlobPart[]): Promise<void> {
  for (let from = 0; from < text.length;) {
    const to = sliceEnd(text, from + SLICE_CHARS);
    parts.push(encoder.encode(JSON.stringify(text.slice(from, to)).slice(1, -1)));
    from = to;
    if (from < text.length) await nextTask();
  }
}

/** The JSON of `input` as bytes: one Uint8Array when it holds no long string, else a Blob made in slices. */
export async function jsonBody(input: unknown, encoder = new TextEncoder()): Promise<Uint8Array<ArrayBuffer> | Blob> {
  const long: string[] = [];
  // A mark no input holds: JSON writes its U+0000 as \u0000, which a string taken as it is never shows.
  const token = Math.random().toString(36).slice(2);
  const json = JSON.stringify(input ?? {}, (_key, value: unknown) => {
    if (typeof value !== 'string' || value.length < LONG_STRING_CHARS) return value;
    long.push(value);
    return `\u0000long-string-${token}-${long.length - 1}`;
  });
  if (long.length === 0) return encoder.encode(json);
  const parts: BlobPart[] = [];
  const around = json.split(new RegExp(`"\\\\u0000long-string-${token}-(\\d+)"`));
  for (let k = 0; k < around.length; k++) {
    const piece = around[k] ?? '';
    if (k % 2 === 0) {
      parts.push(encoder.encode(piece));
      continue;
    }
    parts.push(encoder.encode('"'));
    await encodeLong(long[Number(piece)] ?? '', encoder, parts);
    parts.push(encoder.encode('"'));
  }
  return new Blob(parts, { type: 'application/json' });
}
