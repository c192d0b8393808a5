// Live linting of the active document: debounced worker lint on every change, markers on the model,
// and the diagnostics and counts for the Problems panel and the status bar.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Diagnostic, LintSummary } from '../../../core/rules/diagnostic';
import { configureJsonLanguage, fitJsonLanguageTo, LARGE_DOCUMENT_CHARS } from '../../monaco/json-language';
import { setLintMarkers } from '../../monaco/markers';
import type { monaco } from '../../monaco/monaco';
import type { LintResponse } from '../../workers/lint-protocol';
import { createLintClient, type LintClient } from './lint-client';

export interface LintState {
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: LintSummary | undefined;
  readonly size: number;
  readonly large: boolean;
  readonly linting: boolean;
  /** Lints the model's current text now (for Send), updating the view as well. */
  lintNow(): Promise<LintResponse | undefined>;
}

export function useLint(
  model: monaco.editor.ITextModel | undefined,
  schemas: Readonly<Record<string, unknown>>,
): LintState {
  const [diagnostics, setDiagnostics] = useState<readonly Diagnostic[]>([]);
  const [summary, setSummary] = useState<LintSummary | undefined>(undefined);
  const [size, setSize] = useState(0);
  const [linting, setLinting] = useState(false);
  const client = useRef<LintClient | undefined>(undefined);
  const target = useRef<monaco.editor.ITextModel | undefined>(undefined);
  target.current = model;
  // The model version of the text last handed to the worker: a quick fix may use the linter's offsets only on it.
  const readVersion = useRef(0);

  useEffect(() => {
    const c = createLintClient((result) => {
      const m = target.current;
      if (!m || m.isDisposed()) return;
      setLintMarkers(m, result.diagnostics, readVersion.current);
      const length = m.getValueLength();
      setSize(length);
      configureJsonLanguage(length <= LARGE_DOCUMENT_CHARS);
      setDiagnostics(result.diagnostics);
      setSummary(result.summary);
      setLinting(false);
    });
    client.current = c;
    return () => c.dispose();
  }, []);

  useEffect(() => {
    const c = client.current;
    if (!model || !c) return;
    // Before the first lint: a big document must not start Monaco's slow validation at all.
    configureJsonLanguage(model.getValueLength() <= LARGE_DOCUMENT_CHARS);
    setLinting(true);
    readVersion.current = model.getVersionId();
    void c.lintNow(model.getValue());
    const subscription = model.onDidChangeContent(() => {
      // getValueLength is cheap; checking per change keeps a big paste from starting Monaco's validation.
      fitJsonLanguageTo(model);
      setLinting(true);
      c.schedule(() => {
        readVersion.current = model.getVersionId();
        return model.getValue();
      });
    });
    return () => subscription.dispose();
  }, [model]);

  // New schemas: hand them to the worker (messages keep their order) and lint again.
  useEffect(() => {
    const c = client.current;
    if (!c) return;
    c.setSchemas(schemas);
    const m = target.current;
    if (m && !m.isDisposed()) {
      readVersion.current = m.getVersionId();
      void c.lintNow(m.getValue());
    }
  }, [schemas]);

  const lintNow = useCallback(async () => {
    if (!model || !client.current) return undefined;
    readVersion.current = model.getVersionId();
    return client.current.lintNow(model.getValue());
  }, [model]);

  return { diagnostics, summary, size, large: size > LARGE_DOCUMENT_CHARS, linting, lintNow };
}
