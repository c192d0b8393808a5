// Test-only hook, present only when the page is opened with `?bench=1`: lets the benchmarks load
// synthetic results and reach the editor without going through a real send.
import { useEffect, type RefObject } from 'react';
import { OUTCOMES, type EventOutcome } from '../core/send/outcome';
import type { monaco } from './monaco/monaco';

export interface BenchHook {
  loadResults(count: number): void;
  setText(text: string): void;
}

declare global {
  interface Window {
    batchStudioBench?: BenchHook;
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
      ...(outcome === 'rejected' ? { message: 'Property names starting with tp_ are reserved and cannot be set.' } : {}),
      request: Math.floor(i / 5000) + 1,
    });
  }
  return rows;
}

export function useBenchHook(deps: { editor: RefObject<monaco.editor.IStandaloneCodeEditor | undefined>; setResults: (rows: readonly EventOutcome[]) => void }) {
  const { editor, setResults } = deps;
  useEffect(() => {
    if (!new URLSearchParams(location.search).has('bench')) return;
    window.batchStudioBench = {
      loadResults: (count) => setResults(syntheticResults(count)),
      setText: (text) => editor.current?.getModel()?.setValue(text),
    };
  }, [editor, setResults]);
}
