// What a CLI command may touch: its streams and environment, passed in so tests can run commands in-process;
// the exit codes every command shares; and the one strict reader of input files (UTF-8 or refused, spec §9).
import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory for relative paths. */
  readonly cwd: string;
  /** True when stderr is a terminal (progress may redraw one line). */
  readonly stderrIsTty: boolean;
  /** Aborts when the user asks the command to stop; its reason is the signal's name ('SIGINT', 'SIGTERM'). */
  readonly interrupted: AbortSignal;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The exit code after a stop by signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export const interruptedExit = (signal: AbortSignal): number => (signal.reason === 'SIGTERM' ? 143 : 130);

export class UsageError extends Error {}

/** A file that is not valid UTF-8 (spec §9), with the byte offset of the first bad sequence. */
export class NotUtf8Error extends Error {
  constructor(readonly offset: number) {
    // Said after "cannot read 'FILE': ", which ends the sentence itself.
    super(`it is not valid UTF-8 (the first bad byte sequence is at byte offset ${offset}); save it as UTF-8`);
  }
}

/** Length of the UTF-8 sequence starting at `i` when it is well formed (RFC 3629), else 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  if (b0 < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= low && b <= high;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  // No surrogates (U+D800..U+DFFF): ED is followed by 80..9F only.
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Byte offset of the first ill-formed UTF-8 sequence, or -1 when all of it is UTF-8. */
export function firstBadUtf8(bytes: Uint8Array): number {
  // The native check is fast; the byte walk only runs to find where a bad file goes wrong.
  if (isUtf8(bytes)) return -1;
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** A file's bytes, refused with NotUtf8Error unless they are UTF-8. File-system errors pass through. */
export async function readUtf8Bytes(path: string): Promise<Buffer> {
  // One read into one buffer: the promise API reads a large file in many small pieces through the thread
  // pool, and a command has nothing to do meanwhile (it reads its input before anything else).
  const bytes = readFileSync(path);
  const bad = firstBadUtf8(bytes);
  if (bad >= 0) throw new NotUtf8Error(bad);
  return bytes;
}

/** A file's text, refused with NotUtf8Error unless it is UTF-8 (nothing is replaced with U+FFFD). */
export async function readUtf8File(path: string): Promise<string> {
  return (await readUtf8Bytes(path)).toString('utf8');
}
