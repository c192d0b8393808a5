// The Preferences dialog's values as the renderer sees them: loaded from main once, saved through the
// contract. An older build kept the bulk import threshold in local storage: that value moves to main once.
import { useCallback, useEffect, useState } from 'react';
import { PREFERENCE_DEFAULTS, preferenceOr, type Preferences } from '../../../electron/contract/preferences';
import { messageOf, type Host } from '../../platform/host';

const OLD_THRESHOLD_KEY = 'batch-studio:bulk-import-threshold';

export interface PreferencesState {
  readonly values: Preferences;
  /** Why loading failed (the defaults are used meanwhile). */
  readonly error: string | undefined;
  /** Saves the values; resolves with main's refusal, or undefined once saved. */
  save(patch: Partial<Preferences>): Promise<string | undefined>;
}

/** The threshold an older build left in local storage, removed as it is read. */
function takeOldThreshold(): number | undefined {
  const storage = globalThis.localStorage as Storage | undefined;
  const text = storage?.getItem(OLD_THRESHOLD_KEY);
  if (text === null || text === undefined) return undefined;
  storage?.removeItem(OLD_THRESHOLD_KEY);
  const value = preferenceOr('bulkImportThreshold', Number(text));
  return value === PREFERENCE_DEFAULTS.bulkImportThreshold ? undefined : value;
}

export function usePreferences(host: Host): PreferencesState {
  const [values, setValues] = useState<Preferences>(PREFERENCE_DEFAULTS);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const old = takeOldThreshold();
    const load =
      old === undefined
        ? host.invoke('settings:get', {})
        : host.invoke('settings:update', { bulkImportThreshold: old });
    load.then(
      (loaded) => live && setValues(loaded),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [host]);

  const save = useCallback(
    async (patch: Partial<Preferences>) => {
      try {
        setValues(await host.invoke('settings:update', patch));
        setError(undefined);
        return undefined;
      } catch (e) {
        return messageOf(e);
      }
    },
    [host],
  );

  return { values, error, save };
}
