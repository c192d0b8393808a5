// The Monaco editor region through @monaco-editor/react with the bundled Monaco (no CDN): one editor for
// all tabs, each tab's model chosen by its `path` (the library keeps every model's view state), and the
// text never fed from React state, so typing costs React nothing.
import Editor, { loader } from '@monaco-editor/react';
import { useCallback, useRef } from 'react';
import { fitFeaturesToSize } from '../../monaco/large-document';
import { monaco } from '../../monaco/monaco';
import { pasteBigTextInPieces } from '../../monaco/paste-in-pieces';
import { insertEvent } from './editor-commands';

// The library would fetch Monaco from a CDN; the CSP forbids it, and ours is already bundled.
loader.config({ monaco: monaco as unknown as NonNullable<Parameters<typeof loader.config>[0]['monaco']> });

interface Props {
  readonly model: monaco.editor.ITextModel | undefined;
  readonly onReady: (editor: monaco.editor.IStandaloneCodeEditor) => void;
  /** Ctrl/Cmd+Enter inside the editor. */
  readonly onSend: () => void;
  readonly newId: () => string;
}

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  minimap: { enabled: false },
  fontSize: 13,
  lineHeight: 19,
  scrollBeyondLastLine: false,
  renderWhitespace: 'none',
  // 'dimmed' draws the last line number below contrast minimums (axe color-contrast).
  renderFinalNewline: 'on',
  tabSize: 2,
  insertSpaces: true,
  formatOnPaste: false,
  fixedOverflowWidgets: true,
  ariaLabel: 'Batch editor text',
  lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
  // Words from every open tab (UUID fragments, timestamps) are noise: completion comes from the batch.
  wordBasedSuggestions: 'off',
};

export function BatchEditor({ model, onReady, onSend, newId }: Props) {
  const send = useRef(onSend);
  send.current = onSend;
  const ready = useRef(onReady);
  ready.current = onReady;
  const id = useRef(newId);
  id.current = newId;

  const onMount = useCallback((editor: monaco.editor.IStandaloneCodeEditor) => {
    const fitted = fitFeaturesToSize(editor);
    const pieces = pasteBigTextInPieces(editor);
    editor.onDidDispose(() => {
      fitted.dispose();
      pieces.dispose();
    });
    editor.addAction({
      id: 'batch-studio.send',
      label: 'Send batch',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => send.current(),
    });
    editor.addAction({
      id: 'batch-studio.insert-event',
      label: 'Insert event',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyE],
      contextMenuGroupId: '1_modification',
      run: (ed) => insertEvent(ed as monaco.editor.IStandaloneCodeEditor, id.current(), new Date()),
    });
    ready.current(editor);
  }, []);

  return (
    <section role="region" aria-label="Batch editor" className="editor-region">
      {model ? (
        <div className="editor-host">
          {/* The tabs' models are ours (use-documents): the path finds them, and unmounting must not dispose them. */}
          <Editor
            path={model.uri.toString()}
            language="json"
            theme="vs"
            options={OPTIONS}
            keepCurrentModel
            saveViewState
            onMount={onMount}
            loading=""
          />
        </div>
      ) : null}
    </section>
  );
}
