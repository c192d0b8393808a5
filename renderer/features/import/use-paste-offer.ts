// NDJSON pasted into an empty tab is offered to be wrapped into a collection (through the Import dialog).
import { useEffect } from 'react';
import { detectFormat } from '../../../core/formats/detect-format';
import type { monaco } from '../../monaco/monaco';

/** Blank without reading a big model's whole text on every keystroke. */
const isBlank = (model: monaco.editor.ITextModel | null): boolean =>
  !model || (model.getValueLength() < 256 && /^\s*$/.test(model.getValue()));

export function usePasteOffer(
  editor: monaco.editor.IStandaloneCodeEditor | undefined,
  docId: string | undefined,
  offer: (o: { name: string; text: string; pastedInto: string }) => void,
) {
  useEffect(() => {
    if (!editor || !docId) return;
    let emptyBefore = isBlank(editor.getModel());
    // onDidPaste fires right after the paste's own change, before this microtask: it still sees the state before.
    const changes = editor.onDidChangeModelContent(() =>
      queueMicrotask(() => (emptyBefore = isBlank(editor.getModel()))),
    );
    const pastes = editor.onDidPaste(() => {
      const text = editor.getModel()?.getValue() ?? '';
      if (emptyBefore && detectFormat(text) === 'ndjson') offer({ name: 'Pasted NDJSON', text, pastedInto: docId });
    });
    return () => {
      changes.dispose();
      pastes.dispose();
    };
  }, [editor, docId, offer]);
}
