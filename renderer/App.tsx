// The main screen: send toolbar and sandbox status on top, tabs and editor with Problems beside it,
// results and requests below a resizable split, status bar at the bottom.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { locateEvent } from '../core/batch/locate';
import { parseBatch } from '../core/batch/parse';
import type { Diagnostic } from '../core/rules/diagnostic';
import type { EventOutcome } from '../core/send/outcome';
import type { MenuCommand } from '../electron/contract/channels';
import { registerQuickFixes } from './monaco/code-actions';
import { setRejectionMarkers, type Rejection } from './monaco/markers';
import { monaco } from './monaco/monaco';
import type { Host } from './platform/host';
import { BatchEditor } from './features/editor/BatchEditor';
import { DocumentTabs } from './features/editor/DocumentTabs';
import { insertEvent, revealAndSelect } from './features/editor/editor-commands';
import { ProblemsPanel } from './features/editor/ProblemsPanel';
import { sampleBatch } from './features/editor/sample-batch';
import { StatusBar } from './features/editor/StatusBar';
import { useDocuments } from './features/editor/use-documents';
import { useLint } from './features/editor/use-lint';
import { ResultsPanel } from './features/results/ResultsPanel';
import { RequestsPanel } from './features/send/RequestsPanel';
import { SandboxStatusView } from './features/send/SandboxStatusView';
import { SendConfirmDialog, type SendChoice } from './features/send/SendConfirmDialog';
import { SendToolbar } from './features/send/SendToolbar';
import { useProfiles } from './features/send/use-profiles';
import { useSandbox } from './features/send/use-sandbox';
import { useSend, type SendMode } from './features/send/use-send';
import { useSplit } from './use-split';
import { ProfilesButton } from './features/profiles/ProfilesButton';
import { indexChecks } from './features/qa/expectation-column';
import { QaToolbar } from './features/qa/QaToolbar';
import { testBatchText, useTestRun } from './features/qa/use-test-run';
import { registerSchemaAssist } from './features/schemas/schema-assist';
import { SchemasButton } from './features/schemas/SchemasButton';
import { useSchemas } from './features/schemas/use-schemas';
import type { Profile } from '../electron/contract/channels';
import { useProductionGuard } from './features/profiles/use-production-guard';
import { useTestHook } from './test-hook';
import { BulkImportControls } from './features/bulk-import/BulkImportControls';
import { readBulkThreshold } from './features/bulk-import/bulk-threshold';
import { useBulkImport } from './features/bulk-import/use-bulk-import';

const newId = () => crypto.randomUUID();
const firstText = () => sampleBatch(new Date(), newId);

export function App({ host }: { readonly host: Host }) {
  const documents = useDocuments(firstText);
  const model = documents.active?.model;
  const schemas = useSchemas(host);
  const lint = useLint(model, schemas.schemas);
  const test = useTestRun(host);
  const profiles = useProfiles(host);
  const sandbox = useSandbox(host);
  const sender = useSend(host);
  const bulk = useBulkImport(host);
  const bulkThreshold = useMemo(() => readBulkThreshold(), []);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const [pending, setPending] = useState<{ errors: number; events: number; text: string; docId: string } | undefined>(undefined);
  const [results, setResults] = useState<{ outcomes: readonly EventOutcome[]; docId: string | undefined }>({ outcomes: [], docId: undefined });
  const split = useSplit(0.58);
  const production = useProductionGuard();

  useEffect(() => {
    const registration = registerQuickFixes(newId);
    return () => registration.dispose();
  }, []);

  // Completion and hover read the schemas through a ref: registered once, always current.
  const schemaRef = useRef(schemas.schemas);
  schemaRef.current = schemas.schemas;
  useEffect(() => {
    const registration = registerSchemaAssist(() => schemaRef.current);
    return () => registration.dispose();
  }, []);

  /** A production target asks first; a declined question never resolves, and the send is dropped. */
  const confirmFor = useCallback(
    (profile: Profile, text: string, events: number) => new Promise<boolean>((resolve) => production.guard(profile, text, events, resolve)),
    [production],
  );

  const deliver = useCallback(
    async (profile: Profile, text: string, docId: string, mode: SendMode, confirmed: boolean) => {
      const report = await sender.send(profile.id, text, mode, confirmed);
      if (!report) return;
      setResults({ outcomes: report.outcomes, docId });
      documents.markClean(docId);
      sandbox.refresh();
    },
    [sender, documents, sandbox],
  );

  const sendText = useCallback(
    async (text: string, docId: string, mode: SendMode, events: number) => {
      const profile = profiles.selected;
      if (!profile) return;
      const confirmed = await confirmFor(profile, text, events);
      await deliver(profile, text, docId, mode, confirmed);
    },
    [profiles.selected, confirmFor, deliver],
  );

  // A test case opens in its own tab, runs its setup, and is sent as it is (bad events on purpose included).
  const runTest = useCallback(
    async (text: string, fileName: string) => {
      const profile = profiles.selected;
      const testCase = test.read(text, fileName);
      if (!testCase || !profile || sender.sending) return;
      const batchText = testBatchText(testCase);
      const doc = documents.create(batchText, testCase.name);
      test.start(testCase, fileName, doc.id);
      const events = Object.values(testCase.batch).reduce((n, c) => n + c.length, 0);
      const confirmed = await confirmFor(profile, batchText, events);
      if (!(await test.setup(testCase, profile, confirmed))) return;
      await deliver(profile, batchText, doc.id, 'all', confirmed);
    },
    [profiles.selected, test, sender.sending, documents, confirmFor, deliver],
  );

  const recordTest = useCallback(() => {
    const doc = documents.list.find((d) => d.id === results.docId);
    if (doc) test.record(doc.title, doc.model.getValue(), results.outcomes);
  }, [documents.list, results, test]);

  const testReport = useMemo(() => test.reportFor(results.outcomes, results.docId), [test, results]);
  const expectations = useMemo(() => (testReport ? indexChecks(testReport.checks) : undefined), [testReport]);

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

  // The API judges each line of a bulk import itself (spec §7): lint errors come back as rejected lines.
  const startBulk = useCallback(async () => {
    const doc = documents.active;
    const profile = profiles.selected;
    if (!doc || !profile || sender.sending || bulk.running) return;
    const text = doc.model.getValue();
    const confirmed = await confirmFor(profile, text, lint.summary?.events ?? 0);
    const report = await bulk.start(profile.id, text, confirmed);
    if (!report) return;
    setResults({ outcomes: report.outcomes, docId: doc.id });
    documents.markClean(doc.id);
    sandbox.refresh();
  }, [documents, profiles.selected, sender.sending, bulk, confirmFor, lint.summary, sandbox]);

  const choose = (choice: SendChoice) => {
    const p = pending;
    setPending(undefined);
    if (!p) return;
    if (choice === 'fix') {
      const first = lint.diagnostics.find((d) => d.severity === 'error');
      const editor = editorRef.current;
      if (first && editor) revealAndSelect(editor, { startLine: first.line, startColumn: first.column, endLine: first.endLine, endColumn: first.endColumn });
      else editor?.focus();
      return;
    }
    void sendText(p.text, p.docId, choice, p.events);
  };

  // Rejected events get a marker with the server's message, placed on the text they came from.
  useEffect(() => {
    const doc = documents.list.find((d) => d.id === results.docId);
    if (!doc || doc.model.isDisposed()) return;
    const rejected = results.outcomes.filter((o) => o.outcome === 'rejected');
    if (rejected.length === 0) {
      setRejectionMarkers(doc.model, []);
      return;
    }
    // Parse once for all rejections: locating from text would parse the batch per event.
    const parsed = parseBatch(doc.model.getValue());
    if (!parsed.ok) return;
    const marks: Rejection[] = [];
    for (const o of rejected.slice(0, 5_000)) {
      const range = locateEvent(parsed, o.collection, o.index);
      if (!range) continue;
      const start = doc.model.getPositionAt(range.start);
      const end = doc.model.getPositionAt(range.end);
      marks.push({ message: o.message ?? 'rejected', startLine: start.lineNumber, startColumn: start.column, endLine: end.lineNumber, endColumn: end.column });
    }
    setRejectionMarkers(doc.model, marks);
  }, [results, documents.list]);

  const openResult = useCallback(
    (row: EventOutcome) => {
      const editor = editorRef.current;
      const doc = documents.list.find((d) => d.id === results.docId) ?? documents.active;
      if (!editor || !doc) return;
      if (doc.id !== documents.active?.id) documents.activate(doc.id);
      const range = locateEvent(doc.model.getValue(), row.collection, row.index);
      if (!range) return;
      const start = doc.model.getPositionAt(range.start);
      const end = doc.model.getPositionAt(range.end);
      // After a tab switch the editor swaps models on the next render.
      requestAnimationFrame(() => revealAndSelect(editor, { startLine: start.lineNumber, startColumn: start.column, endLine: end.lineNumber, endColumn: end.column }));
    },
    [documents, results.docId],
  );

  const openProblem = useCallback((d: Diagnostic) => {
    const editor = editorRef.current;
    if (editor) revealAndSelect(editor, { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
  }, []);

  const newDocument = useCallback(() => {
    documents.create('{\n  "events": [\n    \n  ]\n}\n');
  }, [documents]);

  const closeDocument = (id: string) => {
    if (documents.list.length === 1) newDocument();
    documents.close(id);
  };

  const format = () => void editorRef.current?.getAction('editor.action.formatDocument')?.run();
  const insert = () => {
    const editor = editorRef.current;
    if (editor) insertEvent(editor, newId(), new Date());
  };

  const command = useRef<(c: MenuCommand) => void>(() => undefined);
  command.current = (c: MenuCommand) => {
    if (c === 'new') newDocument();
    else if (c === 'send') void startSend();
    else if (c === 'format') format();
    else if (c === 'find') void editorRef.current?.getAction('actions.find')?.run();
  };
  useEffect(() => host.on('menu:command', (payload) => command.current(payload.command)), [host]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      // Inside Monaco its own keybinding handles Ctrl+Enter.
      if (e.key === 'Enter' && !(e.target instanceof HTMLElement && e.target.closest('.monaco-editor'))) {
        e.preventDefault();
        command.current('send');
      } else if (e.key.toLowerCase() === 'n' && !e.shiftKey && !e.altKey) {
        e.preventDefault();
        command.current('new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const activeId = documents.active?.id;
  const loadResults = useCallback((outcomes: readonly EventOutcome[]) => setResults({ outcomes, docId: activeId }), [activeId]);
  useTestHook({ editor: editorRef, setResults: loadResults });

  const schemaCursor = useCallback(() => {
    const editor = editorRef.current;
    const m = editor?.getModel();
    const position = editor?.getPosition();
    return m && position ? { text: m.getValue(), offset: m.getOffsetAt(position) } : undefined;
  }, []);

  const onReady = useCallback((editor: monaco.editor.IStandaloneCodeEditor) => {
    editorRef.current = editor;
  }, []);
  const onEditorSend = useCallback(() => command.current('send'), []);

  const topStyle = useMemo(() => ({ flexBasis: `${split.fraction * 100}%` }), [split.fraction]);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">Batch Studio</h1>
        <SendToolbar
          profiles={profiles.list}
          selected={profiles.selected}
          onSelect={profiles.select}
          sending={sender.sending}
          progress={sender.progress}
          onSend={() => void startSend()}
          onCancel={sender.cancel}
          targetTools={<ProfilesButton host={host} profiles={profiles.list} selectedId={profiles.selected?.id} onChanged={profiles.reload} disabled={sender.sending} />}
        />
        <BulkImportControls
          bulk={bulk}
          events={lint.summary?.events ?? 0}
          threshold={bulkThreshold}
          disabled={sender.sending || !profiles.selected}
          onStart={() => void startBulk()}
        />
        <SandboxStatusView sandbox={sandbox} />
      </header>
      {sender.error || bulk.error || profiles.error || sandbox.error ? (
        <div role="alert" className="alert">
          {sender.error ?? bulk.error ?? profiles.error ?? sandbox.error}
        </div>
      ) : null}
      <main className="workspace" ref={split.container}>
        <div className="top-pane" style={topStyle}>
          <div className="editor-column">
            <div className="editor-toolbar">
              <DocumentTabs
                documents={documents.list}
                activeId={documents.active?.id}
                dirty={documents.dirty}
                onActivate={documents.activate}
                onClose={closeDocument}
                onNew={newDocument}
              />
              <span className="tools-spacer" />
              <SchemasButton schemas={schemas} cursor={schemaCursor} />
              <button type="button" className="button small" onClick={insert} title="Insert event (Ctrl+Shift+E)">
                Insert event
              </button>
              <button type="button" className="button small" onClick={format} title="Format document (Shift+Alt+F)">
                Format
              </button>
            </div>
            <BatchEditor model={model} onReady={onReady} onSend={onEditorSend} newId={newId} />
          </div>
          <ProblemsPanel diagnostics={lint.diagnostics} onSelect={openProblem} />
        </div>
        <div
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize editor and results"
          aria-valuemin={15}
          aria-valuemax={85}
          aria-valuenow={Math.round(split.fraction * 100)}
          tabIndex={0}
          className="splitter"
          onPointerDown={split.onPointerDown}
          onKeyDown={split.onKeyDown}
        />
        <div className="bottom-pane">
          <ResultsPanel
            outcomes={results.outcomes}
            runId={sender.report?.runId}
            onOpen={openResult}
            {...(expectations ? { expectations } : {})}
            headerTools={
              <QaToolbar
                canRecord={results.outcomes.length > 0 && documents.list.some((d) => d.id === results.docId)}
                running={sender.sending}
                onRecord={recordTest}
                onRun={(text, fileName) => void runTest(text, fileName)}
                report={testReport}
                testName={test.active?.testCase.name}
                error={test.error}
                onStop={test.stop}
              />
            }
          />
          <RequestsPanel report={sender.report} />
        </div>
      </main>
      <StatusBar summary={lint.summary} size={lint.size} large={lint.large} linting={lint.linting} />
      {production.dialog}
      {pending ? <SendConfirmDialog errors={pending.errors} events={pending.events} onChoose={choose} /> : null}
    </div>
  );
}
