// The main screen: send toolbar and sandbox status on top, tabs and editor with Problems beside it,
// results and requests below a resizable split, status bar at the bottom.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { locateEvent } from '../core/batch/locate';
import type { Diagnostic } from '../core/rules/diagnostic';
import type { EventOutcome } from '../core/send/outcome';
import type { MenuCommand } from '../electron/contract/channels';
import { registerQuickFixes } from './monaco/code-actions';
import type { monaco } from './monaco/monaco';
import type { Host } from './platform/host';
import { BatchEditor } from './features/editor/BatchEditor';
import { DocumentTabs } from './features/editor/DocumentTabs';
import { insertEvent, revealAndSelect } from './features/editor/editor-commands';
import { ProblemsPanel } from './features/editor/ProblemsPanel';
import { sampleBatch } from './features/editor/sample-batch';
import { StatusBar } from './features/editor/StatusBar';
import { useDocuments } from './features/editor/use-documents';
import { useLint } from './features/editor/use-lint';
import { CloseTabDialog } from './features/files/CloseTabDialog';
import { FileToolbar } from './features/files/FileToolbar';
import { useCloseTab } from './features/files/use-close-tab';
import { useFileDrop } from './features/files/use-file-drop';
import { useFiles } from './features/files/use-files';
import { HistoryPanel } from './features/history/HistoryPanel';
import { useRunActions } from './features/history/use-run-actions';
import { ImportDialog } from './features/import/ImportDialog';
import { useImportFlow } from './features/import/use-import-flow';
import { usePasteOffer } from './features/import/use-paste-offer';
import { ResultsPanel } from './features/results/ResultsPanel';
import { resultsFileStem, useTabResults } from './features/results/use-tab-results';
import { RequestsPanel } from './features/send/RequestsPanel';
import { SandboxStatusView } from './features/send/SandboxStatusView';
import { SendConfirmDialog } from './features/send/SendConfirmDialog';
import { SendToolbar } from './features/send/SendToolbar';
import { useProfiles } from './features/send/use-profiles';
import { useSandbox } from './features/send/use-sandbox';
import { useSend } from './features/send/use-send';
import { useSplit } from './use-split';
import { ProfilesButton } from './features/profiles/ProfilesButton';
import { QaToolbar } from './features/qa/QaToolbar';
import { useTestRun } from './features/qa/use-test-run';
import { registerSchemaAssist } from './features/schemas/schema-assist';
import { SchemasButton } from './features/schemas/SchemasButton';
import { useSchemas } from './features/schemas/use-schemas';
import { useProductionGuard } from './features/profiles/use-production-guard';
import { useCommands } from './features/workspace/use-commands';
import { useRejectionMarkers } from './features/workspace/use-rejection-markers';
import { useSendFlow } from './features/workspace/use-send-flow';
import { useWorkspace } from './features/workspace/use-workspace';
import { WorkspaceNotice } from './features/workspace/WorkspaceNotice';
import { useTestHook } from './test-hook';
import { BulkImportControls } from './features/bulk-import/BulkImportControls';
import { PreferencesDialog } from './features/preferences/PreferencesDialog';
import { usePreferences } from './features/preferences/use-preferences';
import { useBulkImport } from './features/bulk-import/use-bulk-import';

const NO_OUTCOMES: readonly EventOutcome[] = [];
const newId = () => crypto.randomUUID();
const firstTab = () => ({ text: sampleBatch(new Date(), newId), title: 'Sample batch' });

export function App({ host }: { readonly host: Host }) {
  const documents = useDocuments();
  const workspace = useWorkspace(host, documents, firstTab);
  const model = documents.active?.model;
  const schemas = useSchemas(host);
  const lint = useLint(model, schemas.schemas);
  const test = useTestRun(host);
  const profiles = useProfiles(host);
  const sandbox = useSandbox(host);
  const sender = useSend(host);
  const results = useTabResults();
  const bulk = useBulkImport(host);
  const preferences = usePreferences(host);
  const [preferencesOpen, setPreferencesOpen] = useState(false);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const split = useSplit(0.58);
  const production = useProductionGuard();
  const imports = useImportFlow(documents);
  const files = useFiles(host, documents, imports.start);
  const [editorInstance, setEditorInstance] = useState<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  usePasteOffer(editorInstance, documents.active?.id, imports.start);
  const closeTab = useCloseTab(documents, files);
  const drop = useFileDrop((file) => void files.drop(file));
  const [historyOpen, setHistoryOpen] = useState(false);
  const [historyRevision, setHistoryRevision] = useState(0);
  const [historyError, setHistoryError] = useState<string | undefined>(undefined);
  const onSent = useCallback(() => {
    sandbox.refresh();
    setHistoryRevision((n) => n + 1);
  }, [sandbox]);
  const flow = useSendFlow({
    documents,
    lint,
    sender,
    selected: profiles.selected,
    production,
    test,
    results,
    editor: editorRef,
    onSent,
  });
  const closeHistory = useCallback(() => {
    setHistoryOpen(false);
    setHistoryError(undefined);
  }, []);
  const runActions = useRunActions({
    host,
    documents,
    results,
    sendTabTo: flow.sendTabTo,
    onDone: closeHistory,
    onError: setHistoryError,
  });
  const activeResult = results.resultFor(documents.active?.id);
  const { retain } = results;
  useEffect(() => retain(new Set(documents.list.map((d) => d.id))), [documents.list, retain]);
  useRejectionMarkers(model, activeResult?.outcomes);

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

  const openResult = useCallback(
    (row: EventOutcome) => {
      const editor = editorRef.current;
      const doc = documents.active;
      if (!editor || !doc) return;
      const range = locateEvent(doc.model.getValue(), row.collection, row.index);
      if (!range) return;
      const start = doc.model.getPositionAt(range.start);
      const end = doc.model.getPositionAt(range.end);
      revealAndSelect(editor, {
        startLine: start.lineNumber,
        startColumn: start.column,
        endLine: end.lineNumber,
        endColumn: end.column,
      });
    },
    [documents.active],
  );

  // The API judges each line of a bulk import itself (spec §7): lint errors come back as rejected lines.
  const startBulk = useCallback(async () => {
    const doc = documents.active;
    const profile = profiles.selected;
    if (!doc || !profile || sender.sending || bulk.running) return;
    const text = doc.model.getValue();
    const confirmed = await new Promise<boolean>((resolve) =>
      production.guard(profile, text, lint.summary?.events ?? 0, resolve),
    );
    const report = await bulk.start(profile.id, text, confirmed);
    if (!report) return;
    results.show(doc.id, report.outcomes);
    sandbox.refresh();
  }, [documents.active, profiles.selected, sender.sending, bulk, production, lint.summary, results, sandbox]);

  const openProblem = useCallback((d: Diagnostic) => {
    const editor = editorRef.current;
    if (editor)
      revealAndSelect(editor, { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
  }, []);

  const format = () => void editorRef.current?.getAction('editor.action.formatDocument')?.run();
  const insert = () => {
    const editor = editorRef.current;
    if (editor) insertEvent(editor, newId(), new Date());
  };
  const startImport = () => void files.pickForImport().then((offer) => offer && imports.start(offer));

  useCommands(host, (c: MenuCommand) => {
    if (c === 'new') files.newFile();
    else if (c === 'open') void files.open();
    else if (c === 'save') void files.save(documents.active);
    else if (c === 'save-as') void files.save(documents.active, true);
    else if (c === 'close') {
      if (documents.active) closeTab.request(documents.active.id);
    } else if (c === 'import') startImport();
    else if (c === 'history') setHistoryOpen(true);
    else if (c === 'preferences') setPreferencesOpen(true);
    else if (c === 'send') void flow.startSend();
    else if (c === 'format') format();
    else if (c === 'find') void editorRef.current?.getAction('actions.find')?.run();
  });

  const activeId = documents.active?.id;
  const loadResults = useCallback(
    (outcomes: readonly EventOutcome[]) => activeId && results.show(activeId, outcomes),
    [activeId, results],
  );
  useTestHook({ editor: editorRef, setResults: loadResults });

  const schemaCursor = useCallback(() => {
    const editor = editorRef.current;
    const m = editor?.getModel();
    const position = editor?.getPosition();
    return m && position ? { text: m.getValue(), offset: m.getOffsetAt(position) } : undefined;
  }, []);

  const onReady = useCallback((editor: monaco.editor.IStandaloneCodeEditor) => {
    editorRef.current = editor;
    setEditorInstance(editor);
  }, []);
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const onEditorSend = useCallback(() => void flowRef.current.startSend(), []);

  const topStyle = useMemo(() => ({ flexBasis: `${split.fraction * 100}%` }), [split.fraction]);

  return (
    <div className={`app${drop.over ? ' drop-target' : ''}`} {...drop.props}>
      <header className={`app-header${sender.sending ? ' sending' : ''}`}>
        <h1 className="app-title">Batch Studio</h1>
        <SendToolbar
          profiles={profiles.list}
          selected={profiles.selected}
          onSelect={profiles.select}
          sending={sender.sending}
          progress={sender.progress}
          onSend={() => void flow.startSend()}
          onCancel={sender.cancel}
          targetTools={
            <ProfilesButton
              host={host}
              profiles={profiles.list}
              selectedId={profiles.selected?.id}
              onChanged={profiles.reload}
              disabled={sender.sending}
            />
          }
        />
        <BulkImportControls
          bulk={bulk}
          events={lint.summary?.events ?? 0}
          threshold={preferences.values.bulkImportThreshold}
          ready={profiles.selected?.bulkImport !== undefined}
          disabled={sender.sending || !profiles.selected}
          onStart={() => void startBulk()}
        />
        <SandboxStatusView sandbox={sandbox} host={host} />
      </header>
      {sender.error ||
      bulk.error ||
      profiles.error ||
      sandbox.error ||
      files.problem ||
      workspace.error ||
      preferences.error ||
      imports.problem ? (
        <div role="alert" className="alert">
          {sender.error ??
            bulk.error ??
            profiles.error ??
            sandbox.error ??
            files.problem ??
            workspace.error ??
            preferences.error ??
            imports.problem}
        </div>
      ) : null}
      {workspace.notice ? <WorkspaceNotice text={workspace.notice} onDismiss={workspace.dismissNotice} /> : null}
      <main className="workspace" ref={split.container}>
        <div className="top-pane" style={topStyle}>
          <div className="editor-column">
            <div className="editor-toolbar">
              <DocumentTabs
                documents={documents.list}
                activeId={documents.active?.id}
                dirty={documents.dirty}
                onActivate={documents.activate}
                onClose={(id) => {
                  closeTab.request(id);
                }}
                onNew={files.newFile}
              />
              <FileToolbar
                input={files.input}
                recent={files.recent}
                onOpen={() => void files.open()}
                onOpenRecent={(path) => void files.openRecent(path)}
                onSave={() => void files.save(documents.active)}
                onImport={startImport}
                onHistory={() => setHistoryOpen(true)}
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
            {workspace.ready ? (
              <BatchEditor model={model} onReady={onReady} onSend={onEditorSend} newId={newId} />
            ) : (
              <div className="editor-region" aria-busy="true" />
            )}
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
            outcomes={activeResult?.outcomes ?? NO_OUTCOMES}
            fileStem={resultsFileStem(documents.active?.title ?? 'batch', activeResult?.report)}
            {...(activeResult?.label ? { label: activeResult.label } : {})}
            onOpen={openResult}
            {...(flow.expectations ? { expectations: flow.expectations } : {})}
            headerTools={
              <QaToolbar
                canRecord={(activeResult?.outcomes.length ?? 0) > 0}
                running={sender.sending}
                onRecord={flow.recordTest}
                onRun={(text, fileName) => void flow.runTest(text, fileName)}
                report={flow.testReport}
                testName={test.active?.testCase.name}
                error={test.error}
                onStop={test.stop}
                runInCurrent={test.inCurrent}
                onRunInCurrentChange={test.setInCurrent}
              />
            }
          />
          <RequestsPanel report={activeResult?.report} host={host} />
        </div>
      </main>
      <StatusBar
        summary={lint.summary}
        size={lint.size}
        large={lint.large}
        linting={lint.linting}
        onPreferences={() => setPreferencesOpen(true)}
      />
      {production.dialog}
      {preferencesOpen ? (
        <PreferencesDialog
          values={preferences.values}
          onSave={preferences.save}
          onClose={() => setPreferencesOpen(false)}
        />
      ) : null}
      {flow.pending ? (
        <SendConfirmDialog errors={flow.pending.errors} events={flow.pending.events} onChoose={flow.choose} />
      ) : null}
      {imports.offer ? (
        <ImportDialog
          host={host}
          file={imports.offer}
          target={imports.target}
          onImported={imports.finish}
          onCancel={imports.cancel}
        />
      ) : null}
      {historyOpen ? (
        <HistoryPanel
          host={host}
          profiles={profiles.list}
          selectedProfileId={profiles.selected?.id}
          revision={historyRevision}
          actions={runActions}
          actionError={historyError}
          onClose={closeHistory}
        />
      ) : null}
      {closeTab.asking ? <CloseTabDialog title={closeTab.asking.title} onChoose={closeTab.answer} /> : null}
    </div>
  );
}
