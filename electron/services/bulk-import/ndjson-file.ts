// Writes one collection's events as an NDJSON file (one compact event per line, spec §7), streamed in
// pieces so a 1,000,000-event collection never becomes one string.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const PIECE = 2_000;

export interface NdjsonFile {
  readonly path: string;
  readonly bytes: number;
  readonly lines: number;
}

/** Line `i` (0-based, as the import's `eventErrors` count) is `events[i]`: no blank lines, no header. */
export async function writeNdjsonFile(
  path: string,
  events: readonly unknown[],
  signal?: AbortSignal,
): Promise<NdjsonFile> {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  let bytes = 0;
  try {
    for (let start = 0; start < events.length; start += PIECE) {
      signal?.throwIfAborted();
      let text = '';
      for (const event of events.slice(start, start + PIECE)) text += (JSON.stringify(event) ?? 'null') + '\n';
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain', signal ? { signal } : {});
    }
    out.end();
    await once(out, 'close');
  } catch (error) {
    out.destroy();
    throw error;
  }
  return { path, bytes, lines: events.length };
}
