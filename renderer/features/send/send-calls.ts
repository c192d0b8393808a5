// A send in calls that stay small: a large batch text goes to main in pieces (`send:stage`), and a report
// with more outcomes than a page gets them back page by page (`send:outcomes`), a turn of the loop between.
import type { EventOutcome } from '../../../core/send/outcome';
import type { ChannelInput, SendReport } from '../../../electron/contract/channels';
import { OUTCOMES_PAGE, STAGE_ABOVE_CHARS, STAGE_PIECE_CHARS } from '../../../electron/contract/send-pages';
import type { Host } from '../../platform/host';
import { nextTask, sliceEnd } from '../../platform/slices';

/** The `send:start` input that carries `batchText`: the text itself, or the id of a stage holding it. */
async function batchInput(
  host: Host,
  runId: string,
  batchText: string,
): Promise<Pick<ChannelInput<'send:start'>, 'batchText' | 'stagedText'>> {
  if (batchText.length <= STAGE_ABOVE_CHARS) return { batchText };
  for (let at = 0; at < batchText.length;) {
    const end = sliceEnd(batchText, at + STAGE_PIECE_CHARS);
    await host.invoke('send:stage', { stageId: runId, piece: batchText.slice(at, end) });
    at = end;
  }
  return { stagedText: runId };
}

/** Every outcome of the report: inline, or fetched in pages when main kept them back. */
async function allOutcomes(host: Host, report: SendReport): Promise<EventOutcome[]> {
  if (!report.outcomesPaged) return report.outcomes;
  const total = report.outcomesTotal ?? 0;
  const outcomes: EventOutcome[] = [];
  while (outcomes.length < total) {
    const page = await host.invoke('send:outcomes', {
      runId: report.runId,
      from: outcomes.length,
      count: OUTCOMES_PAGE,
    });
    if (page.outcomes.length === 0) break;
    for (const o of page.outcomes) outcomes.push(o);
    await nextTask();
  }
  return outcomes;
}

export type SendStartInput = Omit<ChannelInput<'send:start'>, 'batchText' | 'stagedText'> & {
  readonly batchText: string;
};

/** `send:start` with the text staged when large; `onResolved` runs when main answers, before any page. */
export async function startSend(host: Host, input: SendStartInput, onResolved?: () => void): Promise<SendReport> {
  const { batchText, ...rest } = input;
  const report = await host.invoke('send:start', { ...rest, ...(await batchInput(host, input.runId, batchText)) });
  onResolved?.();
  if (!report.outcomesPaged) return report;
  const { outcomesPaged: _paged, ...whole } = report;
  return { ...whole, outcomes: await allOutcomes(host, report) };
}
