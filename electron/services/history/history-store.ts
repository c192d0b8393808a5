// History on disk: a folder per run under `<user data>/history/`, holding `run.json` (written whole and
// atomically, at the start and at the end), `batch.json` (the exact batch text) and `journal.ndjson` (an
// append-only outcome journal written as the send goes). A killed send leaves a run marked incomplete with
// every outcome written so far; nothing here can leave history unreadable. Plain files, no native modules.
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  countOutcomes,
  type OutcomeCounts,
  type RequestSummary,
  type RunMeta,
  type RunOutcomes,
} from '../../../core/history/run';
import { journalLines, readJournal } from '../../../core/history/journal';
import {
  matchesOutcome,
  matchesOutcomes,
  matchesRunFields,
  matchesTarget,
  type RunFilter,
} from '../../../core/history/run-filter';
import type { EventOutcome } from '../../../core/send/outcome';
import { writeFileAtomic } from '../../node/atomic-file';
import { journalBytes } from './journal-bytes';
import { runMetaSchema } from './run-meta-schema';

export const historyDir = (userDataDir: string): string => join(userDataDir, 'history');

/** A run id that is safe as a folder name everywhere (no separators, no dot-only names). */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface HistoryLimits {
  /** Runs kept; the oldest go first (default 200). */
  readonly maxRuns?: number;
  /** Bytes kept over all runs (default 1 GiB). */
  readonly maxBytes?: number;
}

export interface RunStart {
  /** The app's run id when it is safe as a folder name; otherwise one is made. */
  readonly id?: string;
  readonly startedAt: string;
  readonly target: RunMeta['target'];
  readonly source: string;
  /** The text, or its UTF-8 bytes (written as they are: encoding a 100 MB text would hold the event loop). */
  readonly batchText: string | Uint8Array;
  readonly collections: RunMeta['collections'];
}

export interface RunEnd {
  readonly finishedAt: string;
  readonly cancelled: boolean;
  /** The sender's final word on every event, in batch order; it replaces what the journal gathered. Iterated once. */
  readonly outcomes: Iterable<EventOutcome>;
  readonly requests: readonly RequestSummary[];
}

export interface RunRecorder {
  readonly id: string;
  /** Appends what one request settled; called as the send goes, in order. */
  record(outcomes: readonly EventOutcome[], request?: RequestSummary): void;
  finish(end: RunEnd): Promise<RunMeta>;
  /** The send failed before it could end: the run stays incomplete with what it knows. */
  abandon(): void;
}

export interface ListedRun extends RunMeta {
  readonly counts: OutcomeCounts;
}

export interface HistoryStore {
  begin(start: RunStart): Promise<RunRecorder>;
  list(filter?: RunFilter): Promise<ListedRun[]>;
  show(id: string): Promise<{ run: ListedRun; batchText: string } & RunOutcomes>;
  remove(id: string): Promise<void>;
  clear(): Promise<number>;
  /** Removes the oldest runs until the limits hold (after the limits were lowered); says how many went. */
  prune(): Promise<number>;
}

export class RunNotFound extends Error {
  constructor(readonly id: string) {
    super(`No run ${JSON.stringify(id)} in history (batch-studio runs list shows them).`);
  }
}

export interface HistoryStoreOptions extends HistoryLimits {
  readonly dir: string;
  /** A fresh id for a run (time-sortable; randomness comes from the caller). */
  readonly newRunId: (startedAt: string) => string;
  /** The limits a person set, read at each prune; `maxRuns` and `maxBytes` given here win over them. */
  readonly limits?: () => Promise<HistoryLimits>;
}

const RUN_FILE = 'run.json';
const BATCH_FILE = 'batch.json';
const JOURNAL_FILE = 'journal.ndjson';

export function createHistoryStore(options: HistoryStoreOptions): HistoryStore {
  const currentLimits = async (): Promise<{ maxRuns: number; maxBytes: number }> => {
    const set = (await options.limits?.()) ?? {};
    return {
      maxRuns: Math.max(1, options.maxRuns ?? set.maxRuns ?? 200),
      maxBytes: Math.max(1, options.maxBytes ?? set.maxBytes ?? 1024 ** 3),
    };
  };
  const runDir = (id: string) => join(options.dir, id);
  const active = new Set<string>();

  async function readMeta(id: string): Promise<RunMeta | undefined> {
    try {
      const parsed = runMetaSchema.safeParse(JSON.parse(await readFile(join(runDir(id), RUN_FILE), 'utf8')));
      return parsed.success && parsed.data.id === id ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async function readOutcomes(meta: RunMeta): Promise<RunOutcomes> {
    let text = '';
    try {
      text = await readFile(join(runDir(meta.id), JOURNAL_FILE), 'utf8');
    } catch {
      // A run killed before its first answer has no journal yet: nothing is known about its events.
    }
    return readJournal(
      text,
      meta.collections.map((c) => c.name),
    );
  }

  async function listed(meta: RunMeta, outcomes?: RunOutcomes): Promise<ListedRun> {
    if (meta.counts && meta.complete) return { ...meta, counts: meta.counts };
    return { ...meta, counts: countOutcomes((outcomes ?? (await readOutcomes(meta))).outcomes) };
  }

  async function runIds(): Promise<string[]> {
    try {
      return (await readdir(options.dir, { withFileTypes: true }))
        .filter((e) => e.isDirectory() && RUN_ID.test(e.name))
        .map((e) => e.name);
    } catch {
      return [];
    }
  }

  async function allMeta(): Promise<RunMeta[]> {
    const metas = await Promise.all((await runIds()).map(readMeta));
    return metas
      .filter((m): m is RunMeta => m !== undefined)
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1));
  }

  async function folderBytes(id: string): Promise<number> {
    let total = 0;
    for (const name of [RUN_FILE, BATCH_FILE, JOURNAL_FILE]) {
      try {
        total += (await stat(join(runDir(id), name))).size;
      } catch {
        // Not written yet.
      }
    }
    return total;
  }

  /** Oldest runs out until both limits hold; a run being recorded is never removed. */
  async function prune(): Promise<number> {
    const { maxRuns, maxBytes } = await currentLimits();
    const metas = await allMeta();
    let bytes = 0;
    let kept = 0;
    let removed = 0;
    for (const meta of metas) {
      const size = await folderBytes(meta.id);
      if (active.has(meta.id) || (kept < maxRuns && bytes + size <= maxBytes) || kept === 0) {
        kept++;
        bytes += size;
        continue;
      }
      await rm(runDir(meta.id), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  async function freshId(start: RunStart): Promise<string> {
    const taken = new Set(await runIds());
    if (start.id !== undefined && RUN_ID.test(start.id) && !taken.has(start.id)) return start.id;
    for (;;) {
      const id = options.newRunId(start.startedAt);
      if (RUN_ID.test(id) && !taken.has(id)) return id;
    }
  }

  return {
    async begin(start) {
      await mkdir(options.dir, { recursive: true });
      const id = await freshId(start);
      active.add(id);
      const dir = runDir(id);
      await mkdir(dir, { recursive: true });
      const events = start.collections.reduce((n, c) => n + c.events, 0);
      const meta: RunMeta = {
        id,
        startedAt: start.startedAt,
        complete: false,
        target: start.target,
        source: start.source,
        events,
        collections: start.collections,
      };
      await writeFileAtomic(join(dir, BATCH_FILE), start.batchText);
      await writeFileAtomic(join(dir, RUN_FILE), JSON.stringify(meta, null, 2) + '\n');
      // Appends through one descriptor, synchronously: each settled request is on disk (in the OS's
      // cache, which a killed process cannot lose) before the sender moves on.
      let fd: number | undefined = openSync(join(dir, JOURNAL_FILE), 'a', 0o644);
      const close = () => {
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
        active.delete(id);
      };
      return {
        id,
        record(outcomes, request) {
          if (fd === undefined) return;
          writeSync(fd, journalLines(outcomes, request));
        },
        async finish(end) {
          close();
          // The journal first: a kill between the two writes leaves an incomplete run with the full journal.
          const journal = await journalBytes(end.outcomes, end.requests);
          await writeFileAtomic(join(dir, JOURNAL_FILE), journal.bytes);
          const final: RunMeta = {
            ...meta,
            finishedAt: end.finishedAt,
            complete: true,
            cancelled: end.cancelled,
            counts: journal.counts,
            durationMs: Math.max(0, Date.parse(end.finishedAt) - Date.parse(meta.startedAt)),
          };
          await writeFileAtomic(join(dir, RUN_FILE), JSON.stringify(final, null, 2) + '\n');
          await prune();
          return final;
        },
        abandon: close,
      };
    },

    async list(filter = {}) {
      const out: ListedRun[] = [];
      for (const meta of await allMeta()) {
        if (!matchesTarget(meta, filter.target)) continue;
        let outcomes: RunOutcomes | undefined;
        const load = async () => (outcomes ??= await readOutcomes(meta));
        // The journal is read only when the run's own fields do not match (it may hold 100,000 outcomes).
        if (!matchesRunFields(meta, filter.search) && !matchesOutcomes((await load()).outcomes, filter.search))
          continue;
        const run = await listed(meta, outcomes);
        if (matchesOutcome(run.counts, filter.outcome)) out.push(run);
      }
      return out;
    },

    async show(id) {
      const meta = RUN_ID.test(id) ? await readMeta(id) : undefined;
      if (!meta) throw new RunNotFound(id);
      const outcomes = await readOutcomes(meta);
      let batchText = '';
      try {
        batchText = await readFile(join(runDir(id), BATCH_FILE), 'utf8');
      } catch {
        // Killed before the batch was written: the run is listed, its batch is gone.
      }
      return { run: await listed(meta, outcomes), batchText, ...outcomes };
    },

    async remove(id) {
      if (!RUN_ID.test(id) || !(await readMeta(id))) throw new RunNotFound(id);
      await rm(runDir(id), { recursive: true, force: true });
    },

    async clear() {
      const ids = (await runIds()).filter((id) => !active.has(id));
      for (const id of ids) await rm(runDir(id), { recursive: true, force: true });
      return ids.length;
    },

    prune,
  };
}
