// Prepares the events of an app send off main's event loop, so a batch with lint errors (a full positional
// lint: seconds at 1,000,000 events) never blocks it. The batch text is encoded once into memory of its own.
// A big batch is prepared in a process of its own where one can be started (prepare-wire.ts says why),
// else in a worker thread that reads that memory in place. A cancel stops either. Without a worker script
// (TypeScript sources under test) the same job runs in-process.
import { collectionOf } from '../../../core/send/batch-spans';
import type { ExcludedEvent } from '../../../core/send/chunk-plan';
import { CallFailure } from '../../contract/handlers';
import { bundledWorker, startProcessJob, startWorkerJob } from '../worker-job';
import { spanSource, type EventSource } from './event-source';
import { LoadCancelled } from './file-source';
import {
  prepareJob,
  type LintText,
  type PrepareAnswer,
  type PrepareJob,
  type SendMode,
  type TextTable,
} from './prepare-job';
import { AnswerReader, jobMessage } from './prepare-wire';

export interface PreparedSend {
  readonly events: EventSource;
  /** The batch text's UTF-8 bytes when they say it exactly (no lone surrogate): history writes them as they are. */
  readonly textBytes?: Uint8Array;
  /** Events left out ("valid only"), each with its reason. */
  readonly exclude: Iterable<ExcludedEvent>;
}

/** A batch text whole, or in the pieces it was staged in (joining 100 MB of pieces would be one long copy). */
export type BatchText = string | readonly string[];

export interface PrepareRunner {
  prepare(text: BatchText, mode: SendMode, signal: AbortSignal): Promise<PreparedSend>;
  /** Whether preparation runs in a worker thread (false: in-process). */
  readonly threaded: boolean;
  /** Stops every preparation under way (their sends fail as cancelled). */
  close(): Promise<void>;
}

export interface PrepareRunnerOptions {
  /** The bundled worker (`prepare-worker.mjs` / `.cjs` next to the running bundle); missing → in-process. */
  readonly script?: string | URL;
  /** The linter, in-process only (the worker uses the product's own). */
  readonly lint: LintText;
  /** Texts shorter than this (characters) are checked in-process: a few milliseconds, less than starting a thread. */
  readonly inProcessBelow?: number;
  /**
   * Whether a batch is prepared in a process of its own (the worker script run by this Node) rather than
   * in a worker thread. Not in Electron: its fuses forbid running its binary as Node.
   */
  readonly ownProcess?: boolean;
}

/** About 8 ms of linting with errors on an idle machine; a thread takes 30 ms or more to start. */
const IN_PROCESS_BELOW = 512 * 1024;

const CANCELLED = 'The send was cancelled before anything was sent.';
const CLOSING = 'The app is closing: the send was stopped before anything was sent.';

const PREPARE_FAILED = { failed: 'The batch could not be checked', stopped: 'the check stopped' };

/** Node flags of the host that the prepare process takes too. */
const HEAP_FLAG = /^--max-(old|semi)-space-size=/;

/** The prepare process's nice value: main's own work (every call, the window) goes first when both want a core. */
const PREPARE_PROCESS_NICE = 10;

/** A preparation under way in a worker or a process: stopping it settles its answer as cancelled. */
interface Running {
  readonly stop: (message: string) => void;
  /** Settles once the thread or process is gone (at once when it is already). */
  readonly ended: () => Promise<unknown>;
}

// ES2024 (Node 20): no lone surrogate; the project's TypeScript library stops at ES2023.
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Characters encoded between two turns of the event loop (a few milliseconds each). */
const SLICE = 1024 * 1024;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** The text's slices, never between the two halves of a surrogate pair (a piece may end between them). */
function* slices(pieces: readonly string[]): Generator<string> {
  let carry = '';
  for (const piece of pieces) {
    for (let from = 0; from < piece.length;) {
      const to = Math.min(piece.length, from + SLICE);
      const slice = carry + piece.slice(from, to);
      from = to;
      const split = isHighSurrogate(slice.charCodeAt(slice.length - 1));
      carry = split ? slice.slice(-1) : '';
      if (!split) yield slice;
      else if (slice.length > 1) yield slice.slice(0, -1);
    }
  }
  if (carry !== '') yield carry;
}

/**
 * The text's UTF-8 bytes in shared memory, encoded slice by slice with turns of the event loop between;
 * `wellFormed` is false when a lone surrogate made the bytes differ from the text.
 */
async function sharedUtf8(
  pieces: readonly string[],
  length: number,
  signal: AbortSignal,
): Promise<{ bytes: Buffer; wellFormed: boolean }> {
  // A text of one slice is encoded at once; a cancel is seen at the next turn, as in any other step.
  const pause = async () => {
    if (length <= SLICE) return;
    await turn();
    if (signal.aborted) throw new CallFailure('cancelled', CANCELLED);
  };
  let size = 0;
  let wellFormed = true;
  for (const slice of slices(pieces)) {
    size += Buffer.byteLength(slice);
    wellFormed &&= isWellFormed(slice);
    await pause();
  }
  const bytes = Buffer.from(new SharedArrayBuffer(size));
  let at = 0;
  for (const slice of slices(pieces)) {
    at += bytes.write(slice, at);
    await pause();
  }
  return { bytes, wellFormed };
}

/** String i of a table, undefined for an empty entry. */
function textAt(table: TextTable): (i: number) => string | undefined {
  const bytes = Buffer.from(table.bytes.buffer, table.bytes.byteOffset, table.bytes.byteLength);
  return (i) => {
    const start = table.starts[i] ?? 0;
    const end = table.starts[i + 1] ?? 0;
    return start === end ? undefined : bytes.toString('utf8', start, end);
  };
}

/** The excluded events as the sender takes them: made one at a time as it walks them, never all at once. */
function exclusions(answer: Extract<PrepareAnswer, { ok: true }>): Iterable<ExcludedEvent> {
  const { excluded, spans } = answer;
  const reason = textAt(answer.reasons);
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < excluded.length; i++) {
        const g = excluded[i] ?? 0;
        const c = collectionOf(spans.firsts, g);
        yield {
          collection: spans.names[c] ?? '',
          index: g - (spans.firsts[c] ?? 0),
          reason: reason(i) ?? '',
        };
      }
    },
  };
}

export function createPrepareRunner(options: PrepareRunnerOptions): PrepareRunner {
  const script = bundledWorker(options.script);
  // Counts closes, so a preparation still encoding its text when one came stops before its worker starts.
  let closings = 0;
  const running = new Set<Running>();
  const ownProcess = options.ownProcess ?? process.versions['electron'] === undefined;

  const inProcess = async (job: PrepareJob): Promise<PrepareAnswer> => {
    try {
      return await prepareJob(job, options.lint);
    } catch (error) {
      if (error instanceof LoadCancelled) throw new CallFailure('cancelled', CANCELLED);
      throw error;
    }
  };

  /** The answer of `run`, which a cancel or a close stops meanwhile. */
  const whileRunning = (signal: AbortSignal, run: Running, answer: Promise<PrepareAnswer>) => {
    const onAbort = () => run.stop(CANCELLED);
    running.add(run);
    signal.addEventListener('abort', onAbort, { once: true });
    return answer.finally(() => {
      running.delete(run);
      signal.removeEventListener('abort', onAbort);
    });
  };

  const threaded = (job: PrepareJob, file: string, signal: AbortSignal): Promise<PrepareAnswer> => {
    // The shared bytes cross without a copy; the text (only with a lone surrogate) is copied once.
    const started = startWorkerJob<PrepareAnswer>(file, job, PREPARE_FAILED, () => undefined);
    const run: Running = {
      stop: (message) => {
        started.cancel(message);
        void started.worker.terminate();
      },
      ended: () => started.worker.terminate(),
    };
    return whileRunning(signal, run, started.answer);
  };

  /** The job in a process of its own: the text goes in on stdin, the answer comes back on stdout. */
  const inOwnProcess = (job: PrepareJob, file: string, signal: AbortSignal): Promise<PrepareAnswer> => {
    const started = startProcessJob<PrepareAnswer>(
      file,
      jobMessage(job),
      new AnswerReader(),
      PREPARE_FAILED,
      {
        // The host's heap limits go along (a 1,000,000-event lint needs a large heap), nothing else of its
        // flags (an --inspect port would clash).
        nodeFlags: process.execArgv.filter((flag) => HEAP_FLAG.test(flag)),
        nice: PREPARE_PROCESS_NICE,
      },
      () => undefined,
    );
    return whileRunning(signal, { stop: started.stop, ended: started.ended }, started.answer);
  };

  /** The job in a process of its own where one can be started (see prepare-wire.ts), else in the worker. */
  const offMain = (job: PrepareJob, file: string, signal: AbortSignal): Promise<PrepareAnswer> =>
    ownProcess ? inOwnProcess(job, file, signal) : threaded(job, file, signal);

  return {
    threaded: script !== undefined,
    async prepare(text, mode, signal) {
      const closedBefore = closings;
      const pieces = typeof text === 'string' ? [text] : text;
      const length = pieces.reduce((n, piece) => n + piece.length, 0);
      const { bytes, wellFormed } = await sharedUtf8(pieces, length, signal);
      // A cancel or close before the worker starts (the text took one slice, no turn) is seen here.
      if (closings !== closedBefore) throw new CallFailure('cancelled', CLOSING);
      const threadedJob = script !== undefined && length >= (options.inProcessBelow ?? IN_PROCESS_BELOW);
      if (threadedJob && signal.aborted) throw new CallFailure('cancelled', CANCELLED);
      // Only a text with a lone surrogate goes whole (its bytes would not say it): rare, and joined once.
      const job: PrepareJob = { bytes, mode, ...(wellFormed ? {} : { text: pieces.join('') }) };
      const answer = script && threadedJob ? await offMain(job, script, signal) : await inProcess(job);
      if (!answer.ok) throw new CallFailure(answer.code, answer.message);
      const { bytes: written, ids, ...spans } = answer.spans;
      const own = written ? Buffer.from(written.buffer, written.byteOffset, written.byteLength) : bytes;
      const idAt = textAt(ids);
      const idOf = (g: number): string | number | undefined => {
        const text = idAt(g);
        return text === undefined ? undefined : (JSON.parse(text) as string | number);
      };
      return {
        // Ids from the worker's table: a send asks for every event's id (outcomes, history) at least twice.
        events: { ...spanSource({ bytes: own, ...spans }), id: idOf },
        ...(wellFormed ? { textBytes: bytes } : {}),
        exclude: exclusions(answer),
      };
    },
    async close() {
      closings++;
      const all = [...running];
      for (const run of all) run.stop(CLOSING);
      await Promise.all(all.map((run) => run.ended()));
    },
  };
}
