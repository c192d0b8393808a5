// Test-only hook, present only when the page is opened with `?test-hooks`: lets the e2e specs read
// the editor's selection and the benchmarks load synthetic results without a real send.
import { useEffect, type RefObject } from 'react';
import { OUTCOMES, type EventOutcome } from '../core/send/outcome';
import type { monaco } from './monaco/monaco';

export interface TestHook {
  loadResults(count: number): void;
  setText(text: string): void;
  /** The editor's selected text. */
  selectedText(): string;
  /** The editor's whole text. */
  text(): string;
  /** Puts the cursor at a 1-based line and column and focuses the editor. */
  setCursor?(line: number, column: number): void;
}

declare global {
  interface Window {
    batchStudioTest?: TestHook;
  }
}

/** `count` results across two collections and every outcome, as a big send would return. */
export function syntheticResults(count: number): EventOutcome[] {
  const rows: EventOutcome[] = [];
  for (let i = 0; i < count; i++) {
    const outcome = OUTCOMES[i % 7 === 0 ? 2 : i % 11 === 0 ? 1 : 0] ?? 'accepted';
    const collection = i % 2 === 0 ? 'purchases' : 'pageViews';
    rows.push({
      collection,
      index: i >> 1,
      id: `evt-${i.toString().padStart(6, '0')}`,
      outcome,
      ...(outcome === 'rejected'
        ? { message: 'Property names starting with tp_ are reserved and cannot be set.' }
        : {}),
      request: Math.floor(i / 5000) + 1,
    });
  }
  return rows;
}

export function useTestHook(deps: {
  editor: RefObject<monaco.editor.IStandaloneCodeEditor | undefined>;
  setResults: (rows: readonly EventOutcome[]) => void;
}) {
  const { editor, setResults } = deps;
  useEffect(() => {
    if (!new URLSearchParams(location.search).has('test-hooks')) return;
    window.batchStudioTest = {
      loadResults: (count) => setResults(syntheticResults(count)),
      setText: (text) => editor.current?.getModel()?.setValue(text),
      text: () => editor.current?.getModel()?.getValue() ?? '',
      setCursor: (lineNumber, column) => {
        editor.current?.setPosition({ lineNumber, column });
        editor.current?.focus();
      },
      selectedText: () => {
        const ed = editor.current;
        const selection = ed?.getSelection();
        return ed && selection ? (ed.getModel()?.getValueInRange(selection) ?? '') : '';
      },
    };
  }, [editor, setResults]);
}
