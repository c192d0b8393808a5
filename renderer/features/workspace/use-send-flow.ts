// Sending a tab: lint first (ask when it has errors), confirm a production target, send, and keep the
// report with the tab it came from; test cases open in their own tab and run the same way.
import { useCallback, useMemo, useState, type RefObject } from 'react';
import type { Profile } from '../../../electron/contract/channels';
import type { monaco } from '../../monaco/monaco';
import type { Documents } from '../editor/use-documents';
import { revealAndSelect } from '../editor/editor-commands';
import type { LintState } from '../editor/use-lint';
import type { ProductionGuard } from '../profiles/use-production-guard';
import { indexChecks } from '../qa/expectation-column';
import { testBatchText, type TestRun } from '../qa/use-test-run';
import type { TabResults } from '../results/use-tab-results';
import type { SendChoice } from '../send/SendConfirmDialog';
import type { Sender, SendMode } from '../send/use-send';

interface Deps {
  readonly documents: Documents;
  readonly lint: LintState;
  readonly sender: Sender;
  readonly selected: Profile | undefined;
  readonly production: ProductionGuard;
  readonly test: TestRun;
  readonly results: TabResults;
  readonly editor: RefObject<monaco.editor.IStandaloneCodeEditor | undefined>;
  readonly onSent: () => void;
}

export interface PendingSend {
  readonly errors: number;
  readonly events: number;
  readonly text: string;
  readonly docId: string;
}

export function useSendFlow({ documents, lint, sender, selected, production, test, results, editor, onSent }: Deps) {
  const [pending, setPending] = useState<PendingSend | undefined>(undefined);

  /** A production target asks first; a declined question never resolves, and the send is dropped. */
  const confirmFor = useCallback(
    (profile: Profile, text: string, events: number) =>
      new Promise<boolean>((resolve) => production.guard(profile, text, events, resolve)),
    [production],
  );

  const deliver = useCallback(
    async (profile: Profile, text: string, docId: string, mode: SendMode, confirmed: boolean) => {
      const source = documents.list.find((d) => d.id === docId)?.title;
      const report = await sender.send(profile.id, text, mode, confirmed, source);
      if (!report) return;
      results.record(docId, report);
      onSent();
    },
    [sender, results, onSent, documents.list],
  );

  const sendText = useCallback(
    async (text: string, docId: string, mode: SendMode, events: number) => {
      if (!selected) return;
      const confirmed = await confirmFor(selected, text, events);
      await deliver(selected, text, docId, mode, confirmed);
    },
    [selected, confirmFor, deliver],
  );

  /** A tab's whole text to a given target (Replay, Resend failures), asking first where it is production. */
  const sendTabTo = useCallback(
    async (docId: string, text: string, profile: Profile, events: number) => {
      if (sender.sending) return;
      const confirmed = await confirmFor(profile, text, events);
      await deliver(profile, text, docId, 'all', confirmed);
    },
    [sender.sending, confirmFor, deliver],
  );

  const startSend = useCallback(async () => {
    const doc = documents.active;
    if (!doc || sender.sending) return;
    const text = doc.model.getValue();
    const linted = await lint.lintNow();
    if (linted && linted.summary.errors > 0) {
      setPending({ errors: linted.summary.errors, events: linted.summary.events, text, docId: doc.id });
      return;
    }
    await sendText(text, doc.id, 'all', linted?.summary.events ?? 0);
  }, [documents.active, sender.sending, lint, sendText]);

  const choose = useCallback(
    (choice: SendChoice) => {
      const p = pending;
      setPending(undefined);
      if (!p) return;
      if (choice === 'fix') {
        const first = lint.diagnostics.find((d) => d.severity === 'error');
        const ed = editor.current;
        if (first && ed)
          revealAndSelect(ed, {
            startLine: first.line,
            startColumn: first.column,
            endLine: first.endLine,
            endColumn: first.endColumn,
          });
        else ed?.focus();
        return;
      }
      void sendText(p.text, p.docId, choice, p.events);
    },
    [pending, lint.diagnostics, editor, sendText],
  );

  // A test case opens in its own tab, runs its setup, and is sent as it is (bad events on purpose included).
  const runTest = useCallback(
    async (text: string, fileName: string) => {
      const testCase = test.read(text, fileName);
      if (!testCase || !selected || sender.sending) return;
      const batchText = testBatchText(testCase);
      const doc = documents.create({ text: batchText, title: testCase.name });
      test.start(testCase, fileName, doc.id);
      const events = Object.values(testCase.batch).reduce((n, c) => n + c.length, 0);
      const confirmed = await confirmFor(selected, batchText, events);
      if (!(await test.setup(testCase, selected, confirmed))) return;
      try {
        await deliver(selected, batchText, doc.id, 'all', confirmed);
      } finally {
        // Sends to the Local sandbox reach the user's own again.
        await test.finish();
      }
    },
    [selected, test, sender.sending, documents, confirmFor, deliver],
  );

  const activeResult = results.resultFor(documents.active?.id);
  const activeOutcomes = activeResult?.outcomes;
  const recordTest = useCallback(() => {
    const doc = documents.active;
    if (doc && activeOutcomes) test.record(doc.title, doc.model.getValue(), activeOutcomes, selected?.builtIn === true);
  }, [documents.active, activeOutcomes, test, selected]);

  const testReport = useMemo(
    () => test.reportFor(activeOutcomes ?? [], activeResult?.docId),
    [test, activeOutcomes, activeResult?.docId],
  );
  const expectations = useMemo(() => (testReport ? indexChecks(testReport.checks) : undefined), [testReport]);

  return { pending, choose, startSend, sendTabTo, runTest, recordTest, testReport, expectations };
}
