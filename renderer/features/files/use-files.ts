// New, Open, Save, Save As and Close for batch files: main's native dialogs in Electron, the browser's
// picker and a download in the browser host. An opened file lands in a tab whole, or not at all.
import { useCallback, useEffect, useRef, useState } from 'react';
import { detectFormat } from '../../../core/formats/detect-format';
import type { RecentFile } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';
import { downloadText } from '../results/download';
import type { BatchDocument, Documents } from '../editor/use-documents';
import { batchFileName, looksLikeImport } from './file-names';
import { pickFile, readPickedFile } from './pick-file';

export const EMPTY_BATCH = '{\n  "events": [\n    \n  ]\n}\n';
const OPEN_ACCEPT = '.json,application/json';

/** A file whose text holds events to import (NDJSON, CSV, an array, an export), offered to the import flow. */
export interface ImportOffer {
  readonly name: string;
  readonly text: string;
}

export interface Files {
  /** The hidden `<input type=file>` the browser host's Open and Import use. */
  readonly input: React.RefObject<HTMLInputElement | null>;
  readonly problem: string | undefined;
  clearProblem(): void;
  readonly recent: readonly RecentFile[];
  newFile(): void;
  open(): Promise<void>;
  openRecent(path: string): Promise<void>;
  /** A file dropped on the window: a batch opens, events are offered to import. */
  drop(file: File): Promise<void>;
  /** Resolves true when saved, false when cancelled or failed. */
  save(doc: BatchDocument | undefined, saveAs?: boolean): Promise<boolean>;
  pickForImport(): Promise<ImportOffer | undefined>;
}

export function useFiles(host: Host, documents: Documents, offerImport: (offer: ImportOffer) => void): Files {
  const input = useRef<HTMLInputElement | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [recent, setRecent] = useState<readonly RecentFile[]>([]);
  const docs = useRef(documents);
  docs.current = documents;

  const refreshRecent = useCallback(() => {
    if (host.kind !== 'electron') return;
    void host
      .invoke('files:recent', {})
      .then((r) => setRecent(r.files))
      .catch(() => undefined);
  }, [host]);

  useEffect(() => refreshRecent(), [refreshRecent]);

  /** A batch goes into a tab (an open tab of the same file is reused); other event files go to import. */
  const place = useCallback(
    (name: string, text: string, path?: string) => {
      const format = detectFormat(text);
      if (looksLikeImport(name) || (format !== undefined && format !== 'batch')) {
        offerImport({ name, text });
        return;
      }
      const same = path !== undefined ? docs.current.list.find((d) => d.path === path) : undefined;
      if (same && !docs.current.dirty.has(same.id)) {
        same.model.setValue(text);
        docs.current.markSaved(same.id);
        docs.current.activate(same.id);
        return;
      }
      docs.current.create({ text, title: name, ...(path !== undefined ? { path } : {}) });
    },
    [offerImport],
  );

  const openFromMain = useCallback(
    async (path?: string) => {
      try {
        const opened = await host.invoke('files:open', path !== undefined ? { path } : {});
        if (!opened.cancelled) place(opened.name, opened.text, opened.path);
        setProblem(undefined);
      } catch (e) {
        setProblem(messageOf(e));
      }
      refreshRecent();
    },
    [host, place, refreshRecent],
  );

  const readAndPlace = useCallback(
    async (file: File) => {
      const picked = await readPickedFile(file);
      if ('problem' in picked) return setProblem(picked.problem);
      setProblem(undefined);
      place(picked.name, picked.text);
    },
    [place],
  );

  const open = useCallback(async () => {
    if (host.kind === 'electron') return openFromMain();
    const file = await pickFile(OPEN_ACCEPT, input.current);
    if (file) await readAndPlace(file);
  }, [host, openFromMain, readAndPlace]);

  const save = useCallback(
    async (doc: BatchDocument | undefined, saveAs = false): Promise<boolean> => {
      if (!doc || doc.model.isDisposed()) return false;
      const text = doc.model.getValue();
      const suggestedName = batchFileName(doc.title);
      if (host.kind !== 'electron') {
        // The browser decides where a download lands; the tab takes the downloaded file's name.
        downloadText(suggestedName, text, 'application/json');
        docs.current.markSaved(doc.id, { title: suggestedName });
        return true;
      }
      try {
        const saved = await host.invoke('files:save', {
          text,
          suggestedName,
          saveAs,
          ...(doc.path !== undefined ? { path: doc.path } : {}),
        });
        refreshRecent();
        if (saved.cancelled) return false;
        docs.current.markSaved(doc.id, { title: saved.name, path: saved.path });
        setProblem(undefined);
        return true;
      } catch (e) {
        setProblem(messageOf(e));
        return false;
      }
    },
    [host, refreshRecent],
  );

  const pickForImport = useCallback(async (): Promise<ImportOffer | undefined> => {
    const file = await pickFile(
      '.ndjson,.jsonl,.csv,.json,text/csv,application/json,application/x-ndjson',
      input.current,
    );
    if (!file) return undefined;
    const picked = await readPickedFile(file);
    if ('problem' in picked) {
      setProblem(picked.problem);
      return undefined;
    }
    return picked;
  }, []);

  return {
    input,
    problem,
    clearProblem: () => setProblem(undefined),
    recent,
    newFile: () => docs.current.create({ text: EMPTY_BATCH, title: docs.current.untitledName() }),
    open,
    openRecent: (path) => openFromMain(path),
    drop: readAndPlace,
    save,
    pickForImport,
  };
}
