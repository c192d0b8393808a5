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

/** Where each event sits; `bytes` is set when the events were written out anew (else: the job's bytes). */
export type PreparedSpans = Omit<SpanSourceInput, 'bytes'> & { readonly bytes?: Uint8Array };

export type PrepareAnswer =
  | {
      readonly ok: true;
      readonly spans: PreparedSpans;
      /** Events left out ("valid only"), by number across collections. */
      readonly excluded: Uint32Array;
      /** Their reasons, in step, as UTF-8 bytes: reason i is `reasonBytes[reasonStarts[i], reasonStarts[i + 1])`. */
      readonly reasonBytes: Uint8Array;
      readonly reasonStarts: Uint32Array;
    }
  | { readonly ok: false; readonly code: 'invalid' | 'failed'; readonly message: string };

export type LintText = (text: string) => LintResult;

type Batch = Readonly<Record<string, readonly unknown[]>>;

interface Exclusions {
  readonly excluded: Uint32Array;
  readonly reasonBytes: Uint8Array;
  readonly reasonStarts: Uint32Array;
}

// Fresh each time: the arrays' memory is handed over with the answer.
const NONE_EXCLUDED = (): Exclusions => ({
  excluded: new Uint32Array(0),
  reasonBytes: new Uint8Array(0),
  reasonStarts: new Uint32Array(1),
});

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
      return { ok: true, spans, ...NONE_EXCLUDED() };
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
  // Never pooled: its memory is handed to the caller whole.
  let out = Buffer.allocUnsafeSlow(Math.max(1024, total * 64));
  let at = 0;
  let g = 0;
  for (const column of columns) {
    for (const event of column) {
      const text = JSON.stringify(event);
      // At most 3 UTF-8 bytes per UTF-16 unit.
      if (at + text.length * 3 > out.length) {
        const bigger = Buffer.allocUnsafeSlow(Math.max(out.length * 2, at + text.length * 3));
        out.copy(bigger, 0, 0, at);
        out = bigger;
      }
      starts[g] = at;
      at += out.write(text, at);
      ends[g] = at;
      if (eventId(event) !== undefined) withId[g] = 1;
      g++;
    }
  }
  return { bytes: out.subarray(0, at), names, firsts, starts, ends, withId };
}

/**
 * The linter's exclusions as event numbers, their reasons as one block of bytes (a hundred thousand
 * strings would be copied one by one into main); one outside the batch is dropped, as the sender would.
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
  const reasonStarts = new Uint32Array(reasons.length + 1);
  let size = 0;
  reasons.forEach((reason, i) => {
    size += Buffer.byteLength(reason);
    reasonStarts[i + 1] = size;
  });
  const reasonBytes = Buffer.allocUnsafeSlow(size);
  reasons.forEach((reason, i) => reasonBytes.write(reason, reasonStarts[i] ?? 0));
  return { excluded: excluded.slice(0, reasons.length), reasonBytes, reasonStarts };
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
    answer.reasonBytes,
    answer.reasonStarts,
    spans.bytes,
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) if (view && view.buffer instanceof ArrayBuffer) buffers.add(view.buffer);
  return [...buffers];
}
