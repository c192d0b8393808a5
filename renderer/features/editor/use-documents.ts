// The open documents (tabs): one Monaco model each, kept in memory, with an unsaved-changes flag that
// follows the model's version rather than copying its text into React state.
import { useCallback, useEffect, useRef, useState } from 'react';
import { monaco } from '../../monaco/monaco';

export interface BatchDocument {
  readonly id: string;
  readonly title: string;
  readonly model: monaco.editor.ITextModel;
}

export interface Documents {
  readonly list: readonly BatchDocument[];
  readonly active: BatchDocument | undefined;
  readonly dirty: ReadonlySet<string>;
  activate(id: string): void;
  /** A new tab with this text (and title), made active. */
  create(text: string, title?: string): BatchDocument;
  close(id: string): void;
  /** The document was sent (or created): its current text is the clean state. */
  markClean(id: string): void;
}

export function useDocuments(initialText: () => string): Documents {
  const counter = useRef(0);
  const clean = useRef(new Map<string, number>());
  const [list, setList] = useState<BatchDocument[]>([]);
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());

  const updateDirty = useCallback((id: string, isDirty: boolean) => {
    setDirty((prev) => {
      if (prev.has(id) === isDirty) return prev;
      const next = new Set(prev);
      if (isDirty) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const create = useCallback(
    (text: string, title?: string): BatchDocument => {
      counter.current += 1;
      const id = `doc-${counter.current}`;
      const model = monaco.editor.createModel(text, 'json', monaco.Uri.parse(`batch-studio://documents/${id}.json`));
      clean.current.set(id, model.getAlternativeVersionId());
      model.onDidChangeContent(() => updateDirty(id, model.getAlternativeVersionId() !== clean.current.get(id)));
      const doc: BatchDocument = { id, title: title ?? (counter.current === 1 ? 'Sample batch' : `Untitled ${counter.current - 1}`), model };
      setList((prev) => [...prev, doc]);
      setActiveId(id);
      return doc;
    },
    [updateDirty],
  );

  const close = useCallback((id: string) => {
    setList((prev) => {
      const at = prev.findIndex((d) => d.id === id);
      const doc = prev[at];
      if (!doc) return prev;
      const next = prev.filter((d) => d.id !== id);
      setActiveId((current) => (current === id ? (next[Math.min(at, next.length - 1)]?.id ?? undefined) : current));
      // Dispose after React let go of it, so the editor never renders a disposed model.
      queueMicrotask(() => doc.model.dispose());
      clean.current.delete(id);
      return next;
    });
    setDirty((prev) => {
      if (!prev.has(id)) return prev;
      const next = new Set(prev);
      next.delete(id);
      return next;
    });
  }, []);

  const markClean = useCallback(
    (id: string) => {
      const doc = list.find((d) => d.id === id);
      if (!doc) return;
      clean.current.set(id, doc.model.getAlternativeVersionId());
      updateDirty(id, false);
    },
    [list, updateDirty],
  );

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    create(initialText());
  }, [create, initialText]);

  return { list, active: list.find((d) => d.id === activeId), dirty, activate: setActiveId, create, close, markClean };
}
