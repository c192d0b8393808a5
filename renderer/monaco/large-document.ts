// Editor features that scan the whole document on each cursor move or edit, switched off while the
// editor shows a big document (the same size above which Monaco's JSON validation is off): bracket
// matching builds and re-parses a bracket tree of the whole text, and occurrence and selection
// highlights search the whole text for the word under the cursor (20,000 hits on `"id"`).
import { LARGE_DOCUMENT_CHARS } from './json-language';
import type { monaco } from './monaco';

const optionsFor = (large: boolean): monaco.editor.IEditorOptions => ({
  matchBrackets: large ? 'never' : 'always',
  occurrencesHighlight: large ? 'off' : 'singleFile',
  selectionHighlight: !large,
});

/** Keeps the editor's whole-document features in step with the size of the model it shows. */
export function fitFeaturesToSize(editor: monaco.editor.IStandaloneCodeEditor): monaco.IDisposable {
  let large: boolean | undefined;
  const fit = () => {
    const next = (editor.getModel()?.getValueLength() ?? 0) > LARGE_DOCUMENT_CHARS;
    if (next === large) return;
    large = next;
    editor.updateOptions(optionsFor(next));
  };
  fit();
  // Both fire before the features' own delayed work (50 ms and more) looks at the new text.
  const changes = editor.onDidChangeModelContent(fit);
  const models = editor.onDidChangeModel(fit);
  return {
    dispose() {
      changes.dispose();
      models.dispose();
    },
  };
}
