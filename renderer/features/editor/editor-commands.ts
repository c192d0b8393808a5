// What the rest of the app may ask of the editor: reveal a range, read the text, insert an event.
import { monaco } from '../../monaco/monaco';
import { eventInsertion } from './batch-scan';

export interface TextRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Scrolls to the range, selects it and gives the editor focus. */
export function revealAndSelect(editor: monaco.editor.IStandaloneCodeEditor, range: TextRange, focus = true): void {
  const selection = new monaco.Selection(range.startLine, range.startColumn, range.endLine, range.endColumn);
  editor.setSelection(selection);
  editor.revealRangeInCenterIfOutsideViewport(selection, monaco.editor.ScrollType.Smooth);
  if (focus) editor.focus();
}

/** A new event with a fresh UUID and the current UTC time, as pretty JSON. */
export function newEventJson(id: string, now: Date): string {
  return JSON.stringify({ id, timestamp: now.toISOString() }, null, 2);
}

/** Inserts a new event into the collection at the cursor (or the first one) and selects it. */
export function insertEvent(editor: monaco.editor.IStandaloneCodeEditor, id: string, now: Date): void {
  const model = editor.getModel();
  if (!model) return;
  const position = editor.getPosition() ?? new monaco.Position(1, 1);
  const insertion = eventInsertion(model.getValue(), model.getOffsetAt(position), newEventJson(id, now));
  const start = insertion.replaceAll ? model.getPositionAt(0) : model.getPositionAt(insertion.offset);
  const end = insertion.replaceAll ? model.getPositionAt(model.getValueLength()) : start;
  editor.pushUndoStop();
  editor.executeEdits('insert-event', [
    { range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: insertion.text },
  ]);
  editor.pushUndoStop();
  const base = insertion.replaceAll ? 0 : insertion.offset;
  const eventStart = model.getPositionAt(base + insertion.eventStart);
  const eventEnd = model.getPositionAt(base + insertion.eventEnd);
  revealAndSelect(editor, {
    startLine: eventStart.lineNumber,
    startColumn: eventStart.column,
    endLine: eventEnd.lineNumber,
    endColumn: eventEnd.column,
  });
}
