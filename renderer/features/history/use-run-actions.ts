// What the History panel does with a run: open it (its batch in a tab, its results beside it), replay it
// to a target, or resend its failures (resendable events sent again, rule-rejected ones opened to fix).
import { useCallback, useMemo } from 'react';
import type { Profile } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';
import type { Documents } from '../editor/use-documents';
import type { TabResults } from '../results/use-tab-results';
import type { RunActions } from './HistoryPanel';

interface Deps {
  readonly host: Host;
  readonly documents: Documents;
  readonly results: TabResults;
  readonly sendTabTo: (docId: string, text: string, profile: Profile, events: number) => Promise<void>;
  readonly onDone: () => void;
  readonly onError: (message: string) => void;
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });

export function useRunActions({ host, documents, results, sendTabTo, onDone, onError }: Deps): RunActions {
  const guarded = useCallback(
    async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await work();
      } catch (e) {
        onError(messageOf(e));
        return undefined;
      }
    },
    [onError],
  );

  const open = useCallback(
    (id: string) =>
      guarded(async () => {
        const { run, outcomes } = await host.invoke('runs:show', { id });
        const doc = documents.create({ text: run.batchText, title: `Run: ${run.source}` });
        const target = run.target.name ?? run.target.url;
        results.show(
          doc.id,
          outcomes,
          `Run of ${when(run.startedAt)} to ${target} (${run.target.url.replace(/\/$/, '')}, project ${run.target.projectId})${run.complete ? '' : ', incomplete'}`,
        );
        onDone();
      }).then(() => undefined),
    [guarded, host, documents, results, onDone],
  );

  const replay = useCallback(
    (id: string, profile: Profile) =>
      guarded(async () => {
        const { run } = await host.invoke('runs:show', { id });
        const doc = documents.create({ text: run.batchText, title: `Replay: ${run.source}` });
        onDone();
        await sendTabTo(doc.id, run.batchText, profile, run.events);
      }).then(() => undefined),
    [guarded, host, documents, sendTabTo, onDone],
  );

  const resendFailures = useCallback(
    (id: string, profile: Profile, addIds: boolean) =>
      guarded(async () => {
        const failures = await host.invoke('runs:resend-failures', { id, addIds });
        // Events without ids are sent only once the user accepted ids for them (spec §9: an earlier copy may be stored).
        if (failures.missingIds.length > 0 && !addIds) return { missingIds: failures.missingIds.length };
        const { run } = await host.invoke('runs:show', { id });
        if (failures.batchCount === 0 && failures.ruleRejectedCount === 0) {
          onError('Every event of that run was stored: there is nothing to resend.');
          return { missingIds: 0 };
        }
        if (failures.ruleRejectedText && failures.ruleRejectedCount > 0) {
          documents.create(
            { text: failures.ruleRejectedText, title: `To fix: ${run.source}` },
            failures.batchCount > 0,
          );
        }
        onDone();
        if (failures.batchCount > 0) {
          const doc = documents.create({ text: failures.batchText, title: `Resend: ${run.source}` });
          await sendTabTo(doc.id, failures.batchText, profile, failures.batchCount);
        }
        return { missingIds: 0 };
      }),
    [guarded, host, documents, sendTabTo, onDone, onError],
  );

  return useMemo(() => ({ open, replay, resendFailures }), [open, replay, resendFailures]);
}
