// NDJSON pasted into an empty tab is offered to be wrapped into a collection (through the Import dialog).
import { useEffect } from 'react';
import { detectFormat } from '../../../core/formats/detect-format';
import type { monaco } from '../../monaco/monaco';
import { isBlank, onDidPasteInPieces } from '../../monaco/paste-in-pieces';

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
    const pasted = (wasBlank: boolean) => {
      const text = editor.getModel()?.getValue() ?? '';
      if (wasBlank && detectFormat(text) === 'ndjson') offer({ name: 'Pasted NDJSON', text, pastedInto: docId });
    };
    const pastes = editor.onDidPaste(() => pasted(emptyBefore));
    // A big paste goes in as several changes: it says itself whether the tab was blank before.
    const pieces = onDidPasteInPieces(editor, ({ wasBlank }) => pasted(wasBlank));
    return () => {
      changes.dispose();
      pastes.dispose();
      pieces.dispose();
    };
  }, [editor, docId, offer]);
}
