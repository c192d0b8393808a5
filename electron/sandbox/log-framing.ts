// Framing of the sandbox's append-only log: one record a line, `crc32-hex SPACE json LF`, so a torn or
// corrupted record is recognised and skipped on restart instead of poisoning the whole file.
import { crc32 } from 'node:zlib';

const LF = 0x0a;
const SPACE = 0x20;
const HEADER_BYTES = 9; // eight hex digits and a space

const NEWLINE = Buffer.from([LF]);

/**
 * One framed record as pieces to write one after another: the parts, in order, are its JSON. A part given as
 * bytes (a request's own JSON, 600 KB for a batch) is written as it is, not copied, unless it holds a raw line
 * feed: that can only be whitespace between tokens, and is written as a space so the record stays on one line.
 * Text parts must not contain a raw newline (JSON.stringify never emits one).
 */
export function framePieces(...parts: (string | Uint8Array)[]): Buffer[] {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  const pieces: Buffer[] = [header];
  let checksum = 0;
  for (const part of parts) {
    const piece = typeof part === 'string' ? Buffer.from(part, 'utf8') : oneLine(part);
    checksum = crc32(piece, checksum);
    pieces.push(piece);
  }
  header.write(checksum.toString(16).padStart(8, '0'), 0, 'latin1');
  header[HEADER_BYTES - 1] = SPACE;
  pieces.push(NEWLINE);
  return pieces;
}

/** The frame of framePieces as one buffer. */
export const frameRecord = (...parts: (string | Uint8Array)[]): Buffer => Buffer.concat(framePieces(...parts));

/** `part` as a Buffer without raw line feeds: itself when it has none, else a copy with spaces for them. */
function oneLine(part: Uint8Array): Buffer {
  const view = Buffer.from(part.buffer, part.byteOffset, part.length);
  let lf = view.indexOf(LF);
  if (lf < 0) return view;
  const copy = Buffer.from(view);
  for (; lf >= 0; lf = copy.indexOf(LF, lf + 1)) copy[lf] = SPACE;
  return copy;
}

/**
 * A batch record (`{"t":"batch","b":BATCH}`) handed over as its bytes: the store keeps its events as bytes
 * without parsing them, or, when `body` cannot be read that way, parses `payload` (`where` names it in a warning).
 */
export class BatchBytes {
  constructor(
    readonly body: Buffer,
    readonly payload: Buffer,
    readonly where: string,
  ) {}
}

const BATCH_PREFIX = Buffer.from('{"t":"batch","b":');
const CLOSE_BRACE = 0x7d;

export interface ReadRecords {
  /** Parsed payloads of the intact records (batch records as BatchBytes), in file order. */
  readonly records: unknown[];
  /** Byte length of the file up to the end of the last complete line; anything after it is a torn tail. */
  readonly validLength: number;
  /** Human-readable notes about skipped records (torn tail, bad checksum, unreadable JSON). */
  readonly problems: string[];
}

/** Splits a log into records; never throws on damage, it reports it. */
export function readRecords(data: Buffer): ReadRecords {
  const records: unknown[] = [];
  const problems: string[] = [];
  let offset = 0;
  let line = 0;
  while (offset < data.length) {
    const end = data.indexOf(LF, offset);
    line++;
    if (end < 0) {
      problems.push(
        `record ${line} at byte ${offset} is incomplete (${data.length - offset} bytes, torn write); it was skipped`,
      );
      break;
    }
    const record = parseFrame(data, offset, end, `record ${line} at byte ${offset}`);
    if (record.ok) records.push(record.value);
    else problems.push(`record ${line} at byte ${offset} ${record.problem}; it was skipped`);
    offset = end + 1;
  }
  return { records, validLength: Math.min(offset, data.length), problems };
}

type Frame = { ok: true; value: unknown } | { ok: false; problem: string };

function parseFrame(data: Buffer, start: number, end: number, where: string): Frame {
  if (end - start < HEADER_BYTES || data[start + HEADER_BYTES - 1] !== SPACE)
    return { ok: false, problem: 'has no checksum' };
  const expected = Number.parseInt(data.toString('latin1', start, start + HEADER_BYTES - 1), 16);
  const payload = data.subarray(start + HEADER_BYTES, end);
  if (!Number.isFinite(expected) || crc32(payload) !== expected) return { ok: false, problem: 'fails its checksum' };
  const prefix = BATCH_PREFIX.length;
  if (payload.length > prefix && payload.subarray(0, prefix).equals(BATCH_PREFIX) && payload.at(-1) === CLOSE_BRACE)
    return { ok: true, value: new BatchBytes(payload.subarray(prefix, payload.length - 1), payload, where) };
  try {
    return { ok: true, value: JSON.parse(payload.toString('utf8')) };
  } catch {
    return { ok: false, problem: 'is not valid JSON' };
  }
}
