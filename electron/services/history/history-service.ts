// History and import behind the contract: list, show, compare, export and resend a run's failures, and
// turn a file into a collection's events. The CLI's `runs` and `import` commands use the same functions.
import { randomUUID } from 'node:crypto';
import { batchText } from '../../../core/formats/batch-text';
import { addMissingIds } from '../../../core/formats/missing-ids';
import { resultsToCsv } from '../../../core/formats/results-csv';
import { resultsToJson } from '../../../core/formats/results-json';
import { resultsToJunit } from '../../../core/formats/results-junit';
import { compareRuns } from '../../../core/history/compare-runs';
import { runExportName } from '../../../core/history/export-name';
import { failureBatches } from '../../../core/history/resend-failures';
import { cleanBatchOf } from '../../../core/rules/batch-rules';
import type {
  ImportOptions,
  ImportPreview,
  ImportResult,
  ResendFailures,
  RunComparison,
  RunDetail,
  RunExport,
  RunSummary,
} from '../../contract/channels';
import type { EventOutcome } from '../../../core/send/outcome';
import { CallFailure, type HandlerInput } from '../../contract/handlers';
import { RunNotFound, type HistoryStore, type ListedRun } from './history-store';
import { importApplyOf, importPreviewOf } from './import-work';

export type RunExportFormat = HandlerInput<'runs:export'>['format'];

export interface HistoryService {
  list(filter: HandlerInput<'runs:list'>): Promise<{ runs: RunSummary[] }>;
  show(id: string): Promise<{ run: RunDetail; outcomes: EventOutcome[] }>;
  compare(a: string, b: string): Promise<RunComparison>;
  remove(id: string): Promise<void>;
  clear(): Promise<number>;
  exportRun(id: string, format: RunExportFormat): Promise<RunExport>;
  /** With `addIds`, events without an id get one (and none is listed as missing one). */
  resendFailures(id: string, options?: { addIds?: boolean }): Promise<ResendFailures>;
  importPreview(input: ImportOptions & { rows: number }): ImportPreview;
  importApply(input: ImportOptions): ImportResult;
}

export function runSummary(run: ListedRun): RunSummary {
  return {
    id: run.id,
    startedAt: run.startedAt,
    ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
    complete: run.complete,
    target: run.target,
    source: run.source,
    events: run.events,
    counts: run.counts,
    ...(run.durationMs !== undefined ? { durationMs: run.durationMs } : {}),
    ...(run.cancelled !== undefined ? { cancelled: run.cancelled } : {}),
  };
}

/** The run's batch as sent; a batch that cannot be read any more is said, never guessed at. */
export function runBatch(batchText: string, id: string): Record<string, unknown[]> {
  const batch = cleanBatchOf(batchText) ?? parseLoose(batchText);
  if (!batch)
    throw new CallFailure('invalid', `The batch of run ${id} cannot be read back, so its events cannot be sent again.`);
  return batch;
}

function parseLoose(text: string): Record<string, unknown[]> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const entries = Object.entries(value);
    return entries.every(([, events]) => Array.isArray(events))
      ? (Object.fromEntries(entries) as Record<string, unknown[]>)
      : undefined;
  } catch {
    return undefined;
  }
}

const notFound = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RunNotFound) throw new CallFailure('not-found', error.message);
    throw error;
  }
};

export function createHistoryService(store: HistoryStore, newId: () => string = randomUUID): HistoryService {
  return {
    async list(filter) {
      const runs = await store.list(filter);
      return { runs: runs.map(runSummary) };
    },
    show: (id) =>
      notFound(async () => {
        const shown = await store.show(id);
        return {
          run: { ...runSummary(shown.run), batchText: shown.batchText, requests: shown.requests },
          outcomes: shown.outcomes,
        };
      }),
    compare: (a, b) =>
      notFound(async () => {
        const [runA, runB] = await Promise.all([store.show(a), store.show(b)]);
        return { a: runSummary(runA.run), b: runSummary(runB.run), ...compareRuns(runA.outcomes, runB.outcomes) };
      }),
    remove: (id) => notFound(() => store.remove(id)),
    clear: () => store.clear(),
    exportRun: (id, format) =>
      notFound(async () => {
        const shown = await store.show(id);
        switch (format) {
          case 'csv':
            return { fileName: runExportName(shown.run, 'results.csv'), text: resultsToCsv(shown.outcomes) };
          case 'json':
            return { fileName: runExportName(shown.run, 'results.json'), text: resultsToJson(shown.outcomes) };
          case 'junit':
            return {
              fileName: runExportName(shown.run, 'results.xml'),
              text: resultsToJunit(shown.outcomes, `batch-studio run ${shown.run.source}`),
            };
          case 'failed-batch': {
            const failed = failureBatches(runBatch(shown.batchText, id), shown.outcomes);
            const all: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
            for (const part of [failed.resend, failed.ruleRejected])
              for (const [name, events] of Object.entries(part)) (all[name] ??= []).push(...events);
            return { fileName: runExportName(shown.run, 'failed.json'), text: batchText(all) };
          }
          default: {
            const never: never = format;
            return never;
          }
        }
      }),
    resendFailures: (id, options = {}) =>
      notFound(async () => {
        const shown = await store.show(id);
        let failed = failureBatches(runBatch(shown.batchText, id), shown.outcomes);
        if (options.addIds) {
          const resend = Object.create(null) as Record<string, unknown[]>;
          for (const [name, events] of Object.entries(failed.resend))
            resend[name] = addMissingIds(events, newId).events;
          failed = { ...failed, resend, missingIds: [] };
        }
        return {
          batchText: failed.resendCount > 0 ? batchText(failed.resend) : '',
          batchCount: failed.resendCount,
          ...(failed.ruleRejectedCount > 0 ? { ruleRejectedText: batchText(failed.ruleRejected) } : {}),
          ruleRejectedCount: failed.ruleRejectedCount,
          missingIds: failed.missingIds,
        };
      }),
    importPreview: (input) => importPreviewOf(input, newId),
    importApply: (input) => importApplyOf(input, newId),
  };
}
