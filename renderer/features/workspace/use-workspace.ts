// Keeps the open tabs in the user-data folder through main (`workspace:save`, shortly after each change)
// and brings them back at start (`workspace:load`), so a reload, crash or kill loses nothing typed.
import { useEffect, useRef, useState } from 'react';
import type { Host } from '../../platform/host';
import type { Documents } from '../editor/use-documents';

/** Well inside the promise of "kept within 2 s of a change", with a save itself taking a few ms. */
const SAVE_DELAY_MS = 400;

export interface Workspace {
  /** The tabs are restored (or the first tab created): the editor may show. */
  readonly ready: boolean;
  /** Said once after start: what was restored, or what could not be. */
  readonly notice: string | undefined;
  dismissNotice(): void;
  /** Keeping the tabs failed; the text is still in the window. */
  readonly error: string | undefined;
}

const tabsWord = (n: number) => (n === 1 ? '1 tab' : `${n} tabs`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useWorkspace(
  host: Host,
  documents: Documents,
  firstTab: () => { text: string; title: string },
): Workspace {
  const [ready, setReady] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const started = useRef(false);
  const docs = useRef(documents);
  docs.current = documents;

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const createFirst = () => docs.current.create(firstTab());
    host
      .invoke('workspace:load', {})
      .then((kept) => {
        if (kept.tabs.length === 0) createFirst();
        for (const tab of kept.tabs) {
          docs.current.create(
            {
              id: tab.id,
              text: tab.text,
              title: tab.title,
              dirty: tab.dirty,
              ...(tab.path !== undefined ? { path: tab.path } : {}),
            },
            tab.id !== kept.activeId,
          );
        }
        const restored =
          kept.tabs.length > 0
            ? `Restored ${tabsWord(kept.tabs.length)} from your last session${kept.tabs.some((t) => t.dirty) ? ', unsaved changes included' : ''}.`
            : undefined;
        const said = [restored, ...kept.problems].filter((s): s is string => s !== undefined);
        if (said.length > 0) setNotice(said.join(' '));
      })
      .catch((e: unknown) => {
        createFirst();
        setNotice(`Your last session’s tabs could not be read: ${messageOf(e)}`);
      })
      .finally(() => setReady(true));
  }, [host, firstTab]);

  usePersistence(host, documents, ready, setError);
  return { ready, notice, dismissNotice: () => setNotice(undefined), error };
}

/** Saves the tab list after each change; a tab's text crosses only when it changed since the last save. */
function usePersistence(host: Host, documents: Documents, ready: boolean, setError: (e: string | undefined) => void) {
  const sentVersions = useRef(new Map<string, number>());
  const inFlight = useRef<Promise<void> | undefined>(undefined);
  const again = useRef(false);
  const docs = useRef(documents);
  docs.current = documents;

  const saveNow = useRef(async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const { list, active, dirty } = docs.current;
    const versions = new Map<string, number>();
    const tabs = list
      .filter((d) => !d.model.isDisposed())
      .map((d) => {
        const version = d.model.getAlternativeVersionId();
        versions.set(d.id, version);
        const changed = sentVersions.current.get(d.id) !== version;
        return {
          id: d.id,
          title: d.title,
          dirty: dirty.has(d.id),
          ...(d.path !== undefined ? { path: d.path } : {}),
          ...(changed ? { text: d.model.getValue() } : {}),
        };
      });
    const run = host
      .invoke('workspace:save', { tabs, ...(active ? { activeId: active.id } : {}) })
      .then(() => {
        sentVersions.current = versions;
        setError(undefined);
      })
      .catch((e: unknown) => {
        // Next time every text crosses again: main may not hold any of them.
        sentVersions.current = new Map();
        setError(`Your open tabs could not be kept for the next start: ${messageOf(e)}`);
      });
    inFlight.current = run;
    await run;
    inFlight.current = undefined;
    if (again.current) {
      again.current = false;
      await saveNow.current();
    }
  });

  // Throttled, not debounced: someone typing without a pause is still kept every SAVE_DELAY_MS.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const readyRef = useRef(ready);
  readyRef.current = ready;
  const schedule = useRef(() => {
    if (!readyRef.current || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void saveNow.current();
    }, SAVE_DELAY_MS);
  });
  const { list, active, dirty, onChange } = documents;
  useEffect(() => schedule.current(), [ready, list, active, dirty]);
  // Text changes arrive as calls, not renders: typing re-renders nothing here.
  useEffect(() => onChange(() => schedule.current()), [onChange]);
  useEffect(() => () => clearTimeout(timer.current), []);
}
