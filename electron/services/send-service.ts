// One send from the app: check the batch (in the prepare worker, off main's event loop), drop what
// the user chose to drop, send it through the sender in chunks with progress events, and answer with the
// report the renderer shows. One AbortController per run.
import type { LintResult } from '../../core/rules/diagnostic';
import type { EventOutcome } from '../../core/send/outcome';
import type { SendProgress, SendReport } from '../contract/channels';
import type { ProfileService } from './profiles';
import { maskKey, scrub } from '../../core/text/redact';
import { CallFailure, type HandlerInput } from '../contract/handlers';
import { createPrepareRunner, type BatchText } from './send/prepare-runner';
import type { SendOptions, SendResult } from './sender';
import type { HistoryStore } from './history/history-store';
import { startRecording, type RunRecording } from './history/run-recording';
import { createRunControllers } from './run-controllers';
import { createTextStages } from './send/text-stages';
import { OUTCOMES_PAGE } from '../contract/send-pages';
import { outcomePages, type OutcomePages } from './send/outcome-pages';
import { mapInSlices } from './slices';

/** The sender (electron/services/sender): plain Node, HTTP through fetch; injected so tests can pace it. */
export type SendBatchPort = (options: SendOptions) => Promise<SendResult>;

export type LintPort = (text: string) => LintResult;

export interface SendServiceOptions {
  readonly profiles: ProfileService;
  /** The linter for a batch that is not plainly clean, when no prepare worker runs (in-process). */
  readonly lint: LintPort;
  /** The bundled prepare worker next to the host's bundle; without it batches are checked in-process. */
  readonly prepareWorker?: string | URL;
  readonly send: SendBatchPort;
  readonly emitProgress: (progress: SendProgress) => void;
  /** Called after every run, finished or cancelled (the sandbox's event count changes). */
  readonly onRunEnd?: (report: SendReport) => void;
  readonly now?: () => Date;
  readonly retries?: number;
  readonly timeoutMs?: number;
  /** Every key main holds: masked in request records and bodies, even where a batch quotes one. */
  readonly secrets?: () => Iterable<string>;
  /** Where every send is recorded as a run; a history that cannot be written is said on `onHistoryProblem`. */
  readonly history?: HistoryStore;
  readonly onHistoryProblem?: (message: string) => void;
}

export interface SendService {
  start(input: HandlerInput<'send:start'>): Promise<SendReport>;
  cancel(runId: string): boolean;
  /** The whole body of a request of one of the last runs; a not-found failure once the run is forgotten. */
  requestBody(runId: string, request: number): string;
  /** A slice of a recent run's outcomes (a report with more than a page carries none inline). */
  outcomes(input: HandlerInput<'send:outcomes'>): { outcomes: EventOutcome[]; total: number };
  /** Appends a piece of a batch text a later `start({ stagedText })` sends; the stage's length so far. */
  stage(input: HandlerInput<'send:stage'>): number;
  /** Stops every run (the app is closing). */
  cancelAll(): void;
}

const masked = (text: string, secret: string): string => scrub(text, [secret]);

/** An outcome as the renderer sees it: the key masked in its message. */
const maskedOutcome =
  (key: string) =>
  (o: EventOutcome): EventOutcome =>
    o.message !== undefined ? { ...o, message: masked(o.message, key) } : o;
const maskedAll = (text: string, secrets: Iterable<string>): string => scrub(text, [...secrets]);

/** What a recent run keeps for later calls: its request bodies (with the key to mask) and its outcomes, compact. */
interface KeptRun {
  readonly body: (request: number) => string | undefined;
  readonly key: string;
  readonly outcomes: OutcomePages;
}

/** Runs whose request bodies can still be shown in full; older ones are forgotten (their batches are large). */
export const RUNS_KEPT = 3;

export function createSendService(options: SendServiceOptions): SendService {
  const now = options.now ?? (() => new Date());
  const preparer = createPrepareRunner({
    lint: options.lint,
    ...(options.prepareWorker !== undefined ? { script: options.prepareWorker } : {}),
  });
  const runs = createRunControllers('A send');
  const held = (): string[] => [...(options.secrets?.() ?? [])];
  const stages = createTextStages();
  const bodies = new Map<string, KeptRun>();
  const keepRun = (runId: string, run: KeptRun) => {
    bodies.delete(runId);
    bodies.set(runId, run);
    for (const old of bodies.keys()) if (bodies.size > RUNS_KEPT) bodies.delete(old);
  };
  const batchTextOf = (input: HandlerInput<'send:start'>): BatchText => {
    if (input.stagedText !== undefined) return stages.take(input.stagedText);
    if (input.batchText !== undefined) return input.batchText;
    throw new CallFailure('bad-input', 'Give the batch as batchText or as stagedText.');
  };

  return {
    async start(input) {
      const batchText = batchTextOf(input);
      const controller = runs.begin(input.runId);
      let recording: RunRecording | undefined;
      try {
        const target = await options.profiles.resolve(input.profileId, { confirmed: input.confirmed });
        const startedAt = now().toISOString();
        const { events, exclude, textBytes } = await preparer.prepare(batchText, input.mode, controller.signal);
        const collections = events.names.map((name, c) => ({
          name,
          events: (events.firsts[c + 1] ?? 0) - (events.firsts[c] ?? 0),
        }));
        recording = options.history
          ? await startRecording(
              options.history,
              {
                id: input.runId,
                startedAt,
                target: { name: target.profileName, url: target.url, projectId: target.projectId },
                source: input.source ?? 'Untitled',
                batchText: textBytes ?? (typeof batchText === 'string' ? batchText : batchText.join('')),
                collections,
              },
              options.onHistoryProblem ?? (() => undefined),
              target.apiKey,
            )
          : undefined;
        const result = await options.send({
          source: events,
          url: target.url,
          projectId: target.projectId,
          apiKey: target.apiKey,
          ...(input.chunkSize ? { chunkSize: input.chunkSize } : {}),
          ...(options.retries !== undefined ? { retries: options.retries } : {}),
          ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
          exclude,
          signal: controller.signal,
          recordAttempts: { keyHint: maskKey(target.apiKey) },
          onProgress: (p) =>
            options.emitProgress({
              runId: input.runId,
              requestsDone: p.requestsDone,
              requestsTotal: p.requestsTotal,
              eventsDone: p.eventsDone,
              eventsTotal: p.eventsTotal,
            }),
          ...(recording ? { onDelivery: recording.onDelivery } : {}),
        });
        const pages = await outcomePages(result, events, maskedOutcome(target.apiKey));
        const paged = pages.total > OUTCOMES_PAGE;
        // A server could echo a header back; the key must not reach the renderer even then. In slices: a
        // 1,000,000-event send has 200 requests and attempts, with up to 1 MB of text each to search.
        const requests = await mapInSlices(result.requests, (r) => ({
          request: r.request,
          eventCount: r.eventCount,
          attempts: r.attempts,
          ...(r.status !== undefined ? { status: r.status } : {}),
          ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
          responseText: masked(r.responseText, target.apiKey),
          ...(r.error !== undefined ? { error: masked(r.error, target.apiKey) } : {}),
        }));
        const secrets = held();
        const attempts = await mapInSlices(result.attempts, (a) => ({
          ...a,
          bodyPreview: maskedAll(a.bodyPreview, secrets),
          ...(a.response !== undefined ? { response: maskedAll(a.response, secrets) } : {}),
          ...(a.error !== undefined ? { error: maskedAll(a.error, secrets) } : {}),
        }));
        const report: SendReport = {
          runId: input.runId,
          target: {
            profileId: target.profileId,
            profileName: target.profileName,
            url: target.url,
            projectId: target.projectId,
            keyHint: maskKey(target.apiKey),
          },
          startedAt,
          finishedAt: now().toISOString(),
          cancelled: result.cancelled || controller.signal.aborted,
          collections,
          requests,
          // A million outcomes in one answer would hold main's loop for seconds: above a page, send:outcomes.
          outcomes: paged ? [] : pages.page(0, pages.total),
          ...(paged ? { outcomesTotal: pages.total, outcomesPaged: true } : {}),
          attempts,
        };
        keepRun(input.runId, { body: result.requestBody, key: target.apiKey, outcomes: pages });
        await recording?.finish({
          finishedAt: report.finishedAt,
          cancelled: report.cancelled,
          // Made one at a time as history writes them (the recording masks the key in each).
          outcomes: { [Symbol.iterator]: () => result.eachOutcome() },
          requests: report.requests,
        });
        options.onRunEnd?.(report);
        return report;
      } catch (error) {
        // The run stays in history, incomplete, with the outcomes known when the send failed.
        recording?.abandon();
        throw error;
      } finally {
        runs.end(input.runId);
      }
    },
    cancel(runId) {
      const staged = stages.drop(runId);
      return runs.cancel(runId) || staged;
    },
    requestBody(runId, request) {
      const run = bodies.get(runId);
      const text = run?.body(request);
      if (run === undefined || text === undefined)
        throw new CallFailure(
          'not-found',
          `Request ${request} of run ${runId} is no longer kept; only the last ${RUNS_KEPT} runs are.`,
        );
      return maskedAll(text, [run.key, ...held()]);
    },
    outcomes({ runId, from, count }) {
      const run = bodies.get(runId);
      if (run === undefined)
        throw new CallFailure(
          'not-found',
          `The outcomes of run ${runId} are no longer kept; only the last ${RUNS_KEPT} runs are.`,
        );
      return { outcomes: run.outcomes.page(from, count), total: run.outcomes.total };
    },
    stage({ stageId, piece }) {
      return stages.append(stageId, piece);
    },
    cancelAll() {
      runs.cancelAll();
      void preparer.close();
    },
  };
}
