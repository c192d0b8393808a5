// The Monaco editor region: one editor instance for all tabs (models swap in and out), created once
// and never fed from React state, so typing costs React nothing.
import { useEffect, useRef } from 'react';
import { monaco } from '../../monaco/monaco';
import { insertEvent } from './editor-commands';

interface Props {
  readonly model: monaco.editor.ITextModel | undefined;
  readonly onReady: (editor: monaco.editor.IStandaloneCodeEditor) => void;
  /** Ctrl/Cmd+Enter inside the editor. */
  readonly onSend: () => void;
  readonly newId: () => string;
}

export function BatchEditor({ model, onReady, onSend, newId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const viewStates = useRef(new WeakMap<monaco.editor.ITextModel, monaco.editor.ICodeEditorViewState>());
  const send = useRef(onSend);
  send.current = onSend;

  useEffect(() => {
    if (!host.current) return;
    const editor = monaco.editor.create(host.current, {
      model: null,
      automaticLayout: true,
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
      run: (ed) => insertEvent(ed as monaco.editor.IStandaloneCodeEditor, newId(), new Date()),
    });
    editorRef.current = editor;
    onReady(editor);
    return () => {
      editor.dispose();
      editorRef.current = undefined;
    };
    // The editor lives as long as the component; later prop changes go through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !model || editor.getModel() === model) return;
    const previous = editor.getModel();
    const state = editor.saveViewState();
    if (previous && state) viewStates.current.set(previous, state);
    editor.setModel(model);
    const restored = viewStates.current.get(model);
    if (restored) editor.restoreViewState(restored);
  }, [model]);

  return (
    <section role="region" aria-label="Batch editor" className="editor-region">
      <div ref={host} className="editor-host" />
    </section>
  );
}
