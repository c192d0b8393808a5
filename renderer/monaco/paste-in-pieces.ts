// A big paste (an export of thousands of events) goes into the model in pieces, one per task, so the UI
// thread is never held for the whole text at once: Monaco's own paste counts the line breaks, splits the
// lines and updates the view for the whole text in one task (about 200 ms for 20,000 events). The pieces
// make one edit for undo (no undo stop between them), and the editor is read-only until the last is in.
import { monaco } from './monaco';
import { nextTask } from '../platform/slices';
import { linePieces } from './line-pieces';

/** Pastes shorter than this go through Monaco's own paste (one task of a few milliseconds). */
const PIECE_PASTE_MIN_CHARS = 256 * 1024;

/** Blank without reading a big model's whole text on every keystroke. */
export const isBlank = (model: monaco.editor.ITextModel | null): boolean =>
  !model || (model.getValueLength() < 256 && /^\s*$/.test(model.getValue()));

/** Told after a paste in pieces is in: whether the model was blank before it. */
type PieceListener = (pasted: { readonly wasBlank: boolean }) => void;
const listeners = new WeakMap<monaco.editor.ICodeEditor, Set<PieceListener>>();

/** Like `editor.onDidPaste`, for the pastes Monaco's own paste does not see (those made in pieces). */
export function onDidPasteInPieces(editor: monaco.editor.ICodeEditor, listener: PieceListener): monaco.IDisposable {
  const set = listeners.get(editor) ?? new Set<PieceListener>();
  listeners.set(editor, set);
  set.add(listener);
  return { dispose: () => void set.delete(listener) };
}

async function pasteInPieces(editor: monaco.editor.ICodeEditor, text: string, selection: monaco.Selection) {
  const model = editor.getModel();
  if (!model) return;
  const wasBlank = isBlank(model);
  const readOnly = editor.getRawOptions().readOnly ?? false;
  editor.updateOptions({ readOnly: true });
  try {
    model.pushStackElement();
    let range: monaco.IRange = selection;
    let end = selection.getStartPosition();
    // Each piece in a task of its own, the first too: the paste event's task only takes the text.
    for (const piece of linePieces(text)) {
      await nextTask();
      // A tab closed meanwhile takes its text with it; one switched away from still gets all of it.
      if (model.isDisposed()) return;
      const shown = editor.getModel() === model;
      const before = (shown ? editor.getSelection() : undefined) ?? selection;
      model.pushEditOperations([before], [{ range, text: piece }], (inverse) => {
        const inserted = inverse[0]?.range;
        if (inserted) end = new monaco.Position(inserted.endLineNumber, inserted.endColumn);
        return [new monaco.Selection(end.lineNumber, end.column, end.lineNumber, end.column)];
      });
      range = new monaco.Range(end.lineNumber, end.column, end.lineNumber, end.column);
      if (shown) editor.setPosition(end);
    }
    model.pushStackElement();
    if (editor.getModel() !== model) return;
    editor.revealPosition(end);
    for (const listener of listeners.get(editor) ?? []) listener({ wasBlank });
  } finally {
    editor.updateOptions({ readOnly });
  }
}

/**
 * Takes over the paste of a big text into one selection (several cursors keep Monaco's paste, which shares
 * the lines among them). Listens in the capture phase, before Monaco's own handler sees the event.
 */
export function pasteBigTextInPieces(editor: monaco.editor.ICodeEditor): monaco.IDisposable {
  const node = editor.getDomNode();
  if (!node) return { dispose: () => undefined };
  let busy = false;
  const onPaste = (event: ClipboardEvent) => {
    // A paste into the find widget (inside the editor's node too) is the widget's own.
    if (!editor.hasTextFocus()) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    const selections = editor.getSelections() ?? [];
    const selection = selections[0];
    if (text.length < PIECE_PASTE_MIN_CHARS || selections.length !== 1 || !selection) return;
    event.preventDefault();
    event.stopPropagation();
    if (busy || editor.getRawOptions().readOnly) return;
    busy = true;
    void pasteInPieces(editor, text, selection).finally(() => (busy = false));
  };
  node.addEventListener('paste', onPaste, true);
  return { dispose: () => node.removeEventListener('paste', onPaste, true) };
}
