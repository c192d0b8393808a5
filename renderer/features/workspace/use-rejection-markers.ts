// Rejected events get a marker with the server's message, placed on the text of the tab they came from.
import { useEffect } from 'react';
import { locateEvent } from '../../../core/batch/locate';
import { parseBatch } from '../../../core/batch/parse';
import type { EventOutcome } from '../../../core/send/outcome';
import { setRejectionMarkers, type Rejection } from '../../monaco/markers';
import type { monaco } from '../../monaco/monaco';

const MAX_MARKERS = 5_000;

export function useRejectionMarkers(
  model: monaco.editor.ITextModel | undefined,
  outcomes: readonly EventOutcome[] | undefined,
) {
  useEffect(() => {
    if (!model || model.isDisposed()) return;
    const rejected = (outcomes ?? []).filter((o) => o.outcome === 'rejected');
    if (rejected.length === 0) {
      setRejectionMarkers(model, []);
      return;
    }
    // Parse once for all rejections: locating from text would parse the batch per event.
    const parsed = parseBatch(model.getValue());
    if (!parsed.ok) return;
    const marks: Rejection[] = [];
    for (const o of rejected.slice(0, MAX_MARKERS)) {
      const range = locateEvent(parsed, o.collection, o.index);
      if (!range) continue;
      const start = model.getPositionAt(range.start);
      const end = model.getPositionAt(range.end);
      marks.push({
        message: o.message ?? 'rejected',
        startLine: start.lineNumber,
        startColumn: start.column,
        endLine: end.lineNumber,
        endColumn: end.column,
      });
    }
    setRejectionMarkers(model, marks);
  }, [model, outcomes]);
}
