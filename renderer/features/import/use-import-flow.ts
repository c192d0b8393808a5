// Where an import starts (Import, a dropped file, NDJSON pasted into an empty tab) and where its events
// land: a new tab, or the active tab's batch (a pasted file's text is replaced by the batch it becomes).
import { useCallback, useMemo, useState } from 'react';
import type { ImportResult } from '../../../electron/contract/channels';
import type { Documents } from '../editor/use-documents';
import type { ImportOffer } from '../files/use-files';
import { batchCollections, mergeImport } from './batch-collections';
import type { ImportTarget } from './ImportDialog';

export interface ImportFlow {
  readonly offer: (ImportOffer & { readonly pastedInto?: string }) | undefined;
  readonly target: ImportTarget;
  start(offer: ImportOffer & { readonly pastedInto?: string }): void;
  cancel(): void;
  finish(result: ImportResult, collection: string, where: 'new-tab' | 'this-tab'): void;
  readonly problem: string | undefined;
}

export function useImportFlow(documents: Documents): ImportFlow {
  const [offer, setOffer] = useState<ImportFlow['offer']>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const active = documents.active;

  const target: ImportTarget = useMemo(() => {
    if (!offer || !active) return { collections: undefined, tabTitle: undefined };
    // A tab the NDJSON was pasted into becomes the batch: it takes the import whatever its text is now.
    const collections = offer.pastedInto === active.id ? [] : batchCollections(active.model.getValue());
    return { collections, tabTitle: active.title };
  }, [offer, active]);

  const finish = useCallback(
    (result: ImportResult, collection: string, where: 'new-tab' | 'this-tab') => {
      const pasted = offer?.pastedInto;
      setOffer(undefined);
      const doc = documents.active;
      if (where === 'new-tab' || !doc) {
        documents.create({ text: result.eventsText, title: `${collection} (imported)` });
        return;
      }
      const text = pasted === doc.id ? result.eventsText : mergeImport(doc.model.getValue(), result.eventsText);
      if (text === undefined) {
        setProblem(`${doc.title} is not a batch any more; the events went to a new tab instead.`);
        documents.create({ text: result.eventsText, title: `${collection} (imported)` });
        return;
      }
      // One edit, so a single undo takes the import back.
      doc.model.pushEditOperations([], [{ range: doc.model.getFullModelRange(), text }], () => null);
    },
    [offer, documents],
  );

  return { offer, target, start: setOffer, cancel: () => setOffer(undefined), finish, problem };
}
