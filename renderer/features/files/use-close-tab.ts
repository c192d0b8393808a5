// Closing a tab: at once when nothing is unsaved; otherwise after asking (Save / Don't save / Cancel).
// The last tab closed leaves an empty one, so the editor always has a document.
import { useCallback, useState } from 'react';
import type { Documents } from '../editor/use-documents';
import type { CloseChoice } from './CloseTabDialog';
import { EMPTY_BATCH, type Files } from './use-files';

export interface CloseTab {
  /** The tab waiting for an answer, if any. */
  readonly asking: { readonly id: string; readonly title: string } | undefined;
  request(id: string): void;
  answer(choice: CloseChoice): void;
}

export function useCloseTab(documents: Documents, files: Files): CloseTab {
  const [asking, setAsking] = useState<{ id: string; title: string } | undefined>(undefined);

  const closeNow = useCallback(
    (id: string) => {
      if (documents.list.length === 1) documents.create({ text: EMPTY_BATCH, title: documents.untitledName() });
      documents.close(id);
    },
    [documents],
  );

  const request = useCallback(
    (id: string) => {
      const doc = documents.list.find((d) => d.id === id);
      if (!doc) return;
      if (documents.dirty.has(id)) setAsking({ id, title: doc.title });
      else closeNow(id);
    },
    [documents, closeNow],
  );

  const answer = useCallback(
    (choice: CloseChoice) => {
      const waiting = asking;
      setAsking(undefined);
      if (!waiting || choice === 'cancel') return;
      if (choice === 'discard') return closeNow(waiting.id);
      void files.save(documents.list.find((d) => d.id === waiting.id)).then((saved) => {
        if (saved) closeNow(waiting.id);
      });
    },
    [asking, closeNow, files, documents.list],
  );

  return { asking, request, answer };
}
