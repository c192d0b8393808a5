// A preparation's job and answer as bytes on a pipe, for the prepare process: a big batch is prepared in a
// process of its own, because a worker thread shares one lock with main for the end of every full garbage
// collection, and a worker holding a 1,000,000-event lint spends up to 360 ms there, main waiting behind it.
// Each message is one JSON header line, then raw bytes (the text; the answer's arrays in a fixed order),
// so neither side ever parses or clones a large message in one go.
import type { PrepareAnswer, PrepareJob, PreparedSpans, SendMode, TextTable } from './prepare-job';

/** What the prepare process is told: the mode, and how the text's bytes that follow are encoded. */
interface JobHeader {
  readonly mode: SendMode;
  /** utf16le only for a text with a lone surrogate (its UTF-8 bytes would not say it). */
  readonly encoding: 'utf8' | 'utf16le';
  readonly length: number;
}

/** The arrays of a prepared answer, in the order their bytes follow the header. */
const PARTS = [
  'firsts',
  'starts',
  'ends',
  'withId',
  'idBytes',
  'idStarts',
  'bytes',
  'excluded',
  'reasonBytes',
  'reasonStarts',
] as const;
type Part = (typeof PARTS)[number];

type AnswerHeader =
  | { readonly ok: false; readonly code: 'invalid' | 'failed'; readonly message: string }
  | {
      readonly ok: true;
      readonly names: readonly string[];
      readonly sizes: readonly number[];
      readonly written: boolean;
    };

const line = (header: object): Buffer => Buffer.from(JSON.stringify(header) + '\n');

const view = (bytes: Uint8Array | Uint32Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The job as the prepare process reads it: its header line, then the text. */
export function jobMessage(job: PrepareJob): Buffer[] {
  const text = job.text === undefined ? view(job.bytes) : Buffer.from(job.text, 'utf16le');
  const header: JobHeader = {
    mode: job.mode,
    encoding: job.text === undefined ? 'utf8' : 'utf16le',
    length: text.length,
  };
  return [line(header), text];
}

/** The answer as main reads it: its header line, then each array's bytes. */
export function answerMessage(answer: PrepareAnswer): Buffer[] {
  if (!answer.ok) return [line({ ok: false, code: answer.code, message: answer.message })];
  const { spans } = answer;
  const parts: Record<Part, Uint8Array | Uint32Array> = {
    firsts: spans.firsts,
    starts: spans.starts,
    ends: spans.ends,
    withId: spans.withId,
    idBytes: spans.ids.bytes,
    idStarts: spans.ids.starts,
    bytes: spans.bytes ?? new Uint8Array(0),
    excluded: answer.excluded,
    reasonBytes: answer.reasons.bytes,
    reasonStarts: answer.reasons.starts,
  };
  const arrays = PARTS.map((part) => view(parts[part]));
  const header: AnswerHeader = {
    ok: true,
    names: spans.names,
    sizes: arrays.map((a) => a.length),
    written: spans.bytes !== undefined,
  };
  return [line(header), ...arrays];
}

/**
 * Reads one message from chunks as they come: the header line, then the announced sizes into buffers of
 * their own (each chunk is copied once, so no step takes long however big the message).
 */
class MessageReader<H> {
  private head: Buffer[] = [];
  private header: H | undefined;
  private buffers: Buffer[] = [];
  private part = 0;
  private filled = 0;

  constructor(private readonly sizesOf: (header: H) => readonly number[]) {}

  /** Takes the next chunk; true once the message is complete. */
  push(chunk: Buffer): boolean {
    let at = 0;
    if (this.header === undefined) {
      const nl = chunk.indexOf(0x0a);
      this.head.push(nl < 0 ? chunk : chunk.subarray(0, nl));
      if (nl < 0) return false;
      this.header = JSON.parse(Buffer.concat(this.head).toString('utf8')) as H;
      this.head = [];
      // Never pooled: each buffer starts its own memory, so a Uint32Array can be laid over it.
      this.buffers = this.sizesOf(this.header).map((size) => Buffer.allocUnsafeSlow(size));
      at = nl + 1;
    }
    for (;;) {
      // Past the parts that are full, empty ones included.
      while (this.part < this.buffers.length && this.filled === this.buffers[this.part]?.length) {
        this.part++;
        this.filled = 0;
      }
      if (at === chunk.length) return this.part === this.buffers.length;
      const buffer = this.buffers[this.part];
      if (!buffer) throw new Error('The prepare process sent more than it announced.');
      const n = Math.min(buffer.length - this.filled, chunk.length - at);
      chunk.copy(buffer, this.filled, at, at + n);
      at += n;
      this.filled += n;
    }
  }

  /** The header and the buffers, once every announced byte has come. */
  message(): { header: H; buffers: Buffer[] } | undefined {
    if (this.header === undefined || this.part < this.buffers.length) return undefined;
    return { header: this.header, buffers: this.buffers };
  }
}

export class JobReader {
  private readonly reader = new MessageReader<JobHeader>((header) => [header.length]);

  push(chunk: Buffer): boolean {
    return this.reader.push(chunk);
  }

  job(): PrepareJob | undefined {
    const message = this.reader.message();
    if (!message) return undefined;
    const [text = Buffer.alloc(0)] = message.buffers;
    const { mode, encoding } = message.header;
    if (encoding === 'utf8') return { bytes: text, mode };
    const whole = text.toString('utf16le');
    return { bytes: Buffer.from(whole), text: whole, mode };
  }
}

const wide = (b: Buffer | undefined): Uint32Array =>
  b ? new Uint32Array(b.buffer, b.byteOffset, b.length >> 2) : new Uint32Array(0);
const narrow = (b: Buffer | undefined): Uint8Array =>
  b ? new Uint8Array(b.buffer, b.byteOffset, b.length) : new Uint8Array(0);

export class AnswerReader {
  private readonly reader = new MessageReader<AnswerHeader>((header) => (header.ok ? header.sizes : []));

  push(chunk: Buffer): boolean {
    return this.reader.push(chunk);
  }

  answer(): PrepareAnswer | undefined {
    const message = this.reader.message();
    if (!message) return undefined;
    const { header } = message;
    if (!header.ok) return header;
    const got = Object.fromEntries(PARTS.map((part, i) => [part, message.buffers[i]])) as Record<Part, Buffer>;
    const table = (bytes: Part, starts: Part): TextTable => ({ bytes: narrow(got[bytes]), starts: wide(got[starts]) });
    const spans: PreparedSpans = {
      names: header.names,
      firsts: wide(got.firsts),
      starts: wide(got.starts),
      ends: wide(got.ends),
      withId: narrow(got.withId),
      ids: table('idBytes', 'idStarts'),
      ...(header.written ? { bytes: narrow(got.bytes) } : {}),
    };
    return { ok: true, spans, excluded: wide(got.excluded), reasons: table('reasonBytes', 'reasonStarts') };
  }
}
