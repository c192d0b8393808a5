// The open documents (tabs): one Monaco model each, with the file they belong to and an unsaved-changes
// flag that follows the model's version rather than copying its text into React state.
import { useCallback, useMemo, useRef, useState } from 'react';
import { monaco } from '../../monaco/monaco';
import { keepBracketsPlain } from '../../monaco/plain-brackets';

export interface BatchDocument {
  readonly id: string;
  readonly title: string;
  /** The file it was opened from or saved to (Electron), when there is one. */
  readonly path?: string;
  readonly model: monaco.editor.ITextModel;
}

export interface NewDocument {
  readonly text: string;
  readonly title?: string;
  readonly path?: string;
  /** Kept from an earlier session: its id, and whether it had unsaved changes then. */
  readonly id?: string;
  readonly dirty?: boolean;
}

export interface Documents {
  readonly list: readonly BatchDocument[];
  readonly active: BatchDocument | undefined;
  /** Tabs with unsaved changes. */
  readonly dirty: ReadonlySet<string>;
  /**
   * Calls `listener` whenever any tab's text changes or a tab is saved, so keepers of the workspace know to
   * save; returns the unsubscribe. A listener, not React state: a keystroke must not re-render the app.
   */
  onChange(listener: () => void): () => void;
  activate(id: string): void;
  /** A new tab, made active unless `background`. */
  create(doc: NewDocument, background?: boolean): BatchDocument;
  close(id: string): void;
  /** The tab was saved (to `path`, under `title`): its current text is the clean state. */
  markSaved(id: string, saved?: { title: string; path?: string }): void;
  /** A title that no open tab has yet ("Untitled 3"). */
  untitledName(): string;
}

const newId = () => crypto.randomUUID();

export function useDocuments(): Documents {
  const clean = useRef(new Map<string, number>());
  const [list, setList] = useState<BatchDocument[]>([]);
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const listeners = useRef(new Set<() => void>());
  const changed = useCallback(() => {
    for (const listener of listeners.current) listener();
  }, []);
  const onChange = useCallback((listener: () => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const listRef = useRef(list);
  listRef.current = list;

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
    (spec: NewDocument, background = false): BatchDocument => {
      const id = spec.id ?? newId();
      const model = monaco.editor.createModel(
        spec.text,
        'json',
        monaco.Uri.parse(`batch-studio://documents/${id}.json`),
      );
      keepBracketsPlain(model);
      // A tab restored with unsaved changes stays dirty until it is saved: no version of it is clean.
      clean.current.set(id, spec.dirty ? -1 : model.getAlternativeVersionId());
      if (spec.dirty) updateDirty(id, true);
      model.onDidChangeContent(() => {
        updateDirty(id, model.getAlternativeVersionId() !== clean.current.get(id));
        changed();
      });
      const doc: BatchDocument = {
        id,
        title: spec.title ?? 'Untitled',
        model,
        ...(spec.path !== undefined ? { path: spec.path } : {}),
      };
      setList((prev) => [...prev, doc]);
      if (!background) setActiveId(id);
      return doc;
    },
    [updateDirty, changed],
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

  const markSaved = useCallback(
    (id: string, saved?: { title: string; path?: string }) => {
      const doc = listRef.current.find((d) => d.id === id);
      if (!doc) return;
      clean.current.set(id, doc.model.getAlternativeVersionId());
      updateDirty(id, false);
      if (saved) {
        setList((prev) =>
          prev.map((d) =>
            d.id === id
              ? { id, model: d.model, title: saved.title, ...(saved.path !== undefined ? { path: saved.path } : {}) }
              : d,
          ),
        );
      }
      changed();
    },
    [updateDirty, changed],
  );

  const untitledName = useCallback(() => {
    const taken = new Set(listRef.current.map((d) => d.title));
    for (let n = 1; ; n++) if (!taken.has(`Untitled ${n}`)) return `Untitled ${n}`;
  }, []);

  const active = list.find((d) => d.id === activeId);
  return useMemo(
    () => ({ list, active, dirty, onChange, activate: setActiveId, create, close, markSaved, untitledName }),
    [list, active, dirty, onChange, create, close, markSaved, untitledName],
  );
}
