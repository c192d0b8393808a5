// The preparation of an app send, the same in the prepare worker and in-process: a clean batch is found in
// one scan of its bytes; any other goes through the full linter, and its events are serialized once into
// new bytes. Either way the answer is plain arrays (typed arrays handed over without a copy), never objects.
import { exclusionsFromDiagnostics } from '../../../core/send/exclusions';
import { eventId } from '../../../core/send/event-id';
import type { LintResult } from '../../../core/rules/diagnostic';
import type { SpanSourceInput } from './event-source';
import { fileSpans } from './file-source';

export type SendMode = 'all' | 'valid-only';

export interface PrepareJob {
  /** The batch's UTF-8 bytes, shared with the caller (a worker sees the same memory). */
  readonly bytes: Uint8Array;
  /** The text itself, only when its bytes would not say it exactly (it holds a lone surrogate). */
  readonly text?: string;
  readonly mode: SendMode;
}

/** Strings as one block of UTF-8 bytes: string i is `bytes[starts[i], starts[i + 1])` (copied once, not one by one). */
export interface TextTable {
  readonly bytes: Uint8Array;
  readonly starts: Uint32Array;
}

/** Where each event sits; `bytes` is set when the events were written out anew (else: the job's bytes). */
export type PreparedSpans = Omit<SpanSourceInput, 'bytes'> & {
  readonly bytes?: Uint8Array;
  /** Each event's id as JSON text (empty without one), so main never parses an event to learn it. */
  readonly ids: TextTable;
};

export type PrepareAnswer =
  | {
      readonly ok: true;
      readonly spans: PreparedSpans;
      /** Events left out ("valid only"), by number across collections, and their reasons in step. */
      readonly excluded: Uint32Array;
      readonly reasons: TextTable;
    }
  | { readonly ok: false; readonly code: 'invalid' | 'failed'; readonly message: string };

export type LintText = (text: string) => LintResult;

type Batch = Readonly<Record<string, readonly unknown[]>>;

interface Exclusions {
  readonly excluded: Uint32Array;
  readonly reasons: TextTable;
}

/** The strings as one table (undefined: an empty entry). */
function textTable(texts: readonly (string | undefined)[]): TextTable {
  const starts = new Uint32Array(texts.length + 1);
  let size = 0;
  texts.forEach((text, i) => {
    size += text === undefined ? 0 : Buffer.byteLength(text);
    starts[i + 1] = size;
  });
  // Never pooled: its memory is handed to the caller whole.
  const bytes = Buffer.allocUnsafeSlow(size);
  texts.forEach((text, i) => {
    if (text !== undefined) bytes.write(text, starts[i] ?? 0);
  });
  return { bytes, starts };
}

const idText = (event: unknown): string | undefined => {
  const id = eventId(event);
  return id === undefined ? undefined : JSON.stringify(id);
};

// Fresh each time: the arrays' memory is handed over with the answer.
const NONE_EXCLUDED = (): Exclusions => ({ excluded: new Uint32Array(0), reasons: textTable([]) });

const firstError = (lint: LintResult): string => {
  const error = lint.diagnostics.find((d) => d.severity === 'error');
  return error
    ? `Line ${error.line}, column ${error.column}: ${error.message}`
    : 'The batch is not an object of collections to arrays of events.';
};

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export async function prepareJob(job: PrepareJob, lint: LintText): Promise<PrepareAnswer> {
  const bytes = asBuffer(job.bytes);
  if (job.text === undefined) {
    const clean = await fileSpans(bytes);
    if (clean) {
      const { bytes: _shared, ...spans } = clean;
      const ids = Array.from(spans.starts, (start, g) =>
        spans.withId[g] === 1 ? idText(JSON.parse(bytes.toString('utf8', start, spans.ends[g])) as unknown) : undefined,
      );
      return { ok: true, spans: { ...spans, ids: textTable(ids) }, ...NONE_EXCLUDED() };
    }
  }
  const result = lint(job.text ?? bytes.toString('utf8'));
  const batch = result.batch;
  if (!batch) return { ok: false, code: 'invalid', message: `The batch cannot be sent. ${firstError(result)}` };
  const spans = serializedSpans(batch);
  if (job.mode === 'all') return { ok: true, spans, ...NONE_EXCLUDED() };
  return { ok: true, spans, ...numberedExclusions(result, batch, spans) };
}

/**
 * The batch's events written out once, as the parsed-batch source would write them in each body
 * (collections in `Object.keys` order, each event `JSON.stringify`d): the bodies come out the same, byte
 * for byte, while the parsed batch stays in the worker.
 */
function serializedSpans(batch: Batch): PreparedSpans {
  const names = Object.keys(batch).filter((name) => Array.isArray(batch[name]));
  const columns = names.map((name) => batch[name] ?? []);
  const firsts = new Uint32Array(names.length + 1);
  for (let c = 0; c < names.length; c++) firsts[c + 1] = (firsts[c] ?? 0) + (columns[c]?.length ?? 0);
  const total = firsts[names.length] ?? 0;
  const starts = new Uint32Array(total);
  const ends = new Uint32Array(total);
  const withId = new Uint8Array(total);
  const ids: (string | undefined)[] = new Array<string | undefined>(total);
  // Never pooled: its memory is handed to the caller whole.
  let out = Buffer.allocUnsafeSlow(Math.max(1024, total * 64));
  let at = 0;
  let g = 0;
  for (const column of columns) {
    for (let i = 0; i < column.length; i++) {
      const event = column[i];
      const text = JSON.stringify(event);
      // At most 3 UTF-8 bytes per UTF-16 unit, and a comma.
      if (at + text.length * 3 + 1 > out.length) {
        const bigger = Buffer.allocUnsafeSlow(Math.max(out.length * 2, at + text.length * 3 + 1));
        out.copy(bigger, 0, 0, at);
        out = bigger;
      }
      // Laid out as in a file: the span source sends a run of neighbouring events as one view, commas included.
      if (i > 0) out[at++] = 0x2c;
      starts[g] = at;
      at += out.write(text, at);
      ends[g] = at;
      ids[g] = idText(event);
      if (ids[g] !== undefined) withId[g] = 1;
      g++;
    }
  }
  return { bytes: out.subarray(0, at), names, firsts, starts, ends, withId, ids: textTable(ids) };
}

/**
 * The linter's exclusions as event numbers with their reasons; one outside the batch is dropped, as the
 * sender would drop it.
 */
function numberedExclusions(result: LintResult, batch: Batch, spans: PreparedSpans): Exclusions {
  const byName = new Map(spans.names.map((name, c) => [name, c]));
  const list = exclusionsFromDiagnostics(result.diagnostics, batch);
  const excluded = new Uint32Array(list.length);
  const reasons: string[] = [];
  for (const { collection, index, reason } of list) {
    const c = byName.get(collection);
    if (c === undefined) continue;
    const g = (spans.firsts[c] ?? 0) + index;
    if (index < 0 || g >= (spans.firsts[c + 1] ?? 0)) continue;
    excluded[reasons.length] = g;
    reasons.push(reason);
  }
  return { excluded: excluded.slice(0, reasons.length), reasons: textTable(reasons) };
}

/** The answer's own memory, to hand over rather than copy (shared memory is never in the list). */
export function transferablesOf(answer: PrepareAnswer): ArrayBuffer[] {
  if (!answer.ok) return [];
  const { spans } = answer;
  const views = [
    spans.firsts,
    spans.starts,
    spans.ends,
    spans.withId,
    answer.excluded,
    answer.reasons.bytes,
    answer.reasons.starts,
    spans.ids.bytes,
    spans.ids.starts,
    spans.bytes,
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) if (view && view.buffer instanceof ArrayBuffer) buffers.add(view.buffer);
  return [...buffers];
}
