// A call's input as the UTF-8 bytes of its JSON, with long strings (a tab's text in workspace:save) turned
// into JSON a slice per task: stringifying and encoding 2 MB of text at once holds the UI thread for
// about 30 ms, and a throttled save comes back every few hundred ms while a big paste goes in.

/** Strings at least this long are written in slices; shorter ones go through one JSON.stringify. */
export const LONG_STRING_CHARS = 128 * 1024;
const SLICE_CHARS = 64 * 1024;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** The JSON of a long string, without its quotes, a slice at a time (a surrogate pair is never cut). */
async function encodeLong(text: string, encoder: TextEncoder, parts: BlobPart[]): Promise<void> {
  for (let from = 0; from < text.length;) {
    let to = Math.min(text.length, from + SLICE_CHARS);
    if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to++;
    parts.push(encoder.encode(JSON.stringify(text.slice(from, to)).slice(1, -1)));
    from = to;
    if (from < text.length) await nextTask();
  }
}

/** The JSON of `input` as bytes: one Uint8Array when it holds no long string, else a Blob made in slices. */
export async function jsonBody(input: unknown, encoder = new TextEncoder()): Promise<Uint8Array<ArrayBuffer> | Blob> {
  const long: string[] = [];
  // A mark no input holds: JSON writes its U+0000 as \u0000, which a string taken as it is never shows.
  const mark = `\u0000long-string-${Math.random().toString(36).slice(2)}-`;
  const json = JSON.stringify(input ?? {}, (_key, value: unknown) => {
    if (typeof value !== 'string' || value.length < LONG_STRING_CHARS) return value;
    long.push(value);
    return `${mark}${long.length - 1}`;
  });
  if (long.length === 0) return encoder.encode(json);
  const written = JSON.stringify(mark).slice(1, -1);
  const parts: BlobPart[] = [];
  const around = json.split(new RegExp(`"${written.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(\\d+)"`));
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
