// The Preferences dialog's values, kept in settings.json: read with their defaults, changed one patch at a
// time, and handed to the history store as its limits (read at each prune, so a change applies at once).
import { PREFERENCE_DEFAULTS, preferenceOr, type PreferenceName, type Preferences } from '../contract/preferences';
import type { HistoryLimits } from './history/history-store';
import type { SettingsStore } from './settings';

export interface PreferencesService {
  get(): Promise<Preferences>;
  /** Saves the named values (already validated by the contract) and answers with all of them. */
  update(patch: Partial<Preferences>): Promise<Preferences>;
  historyLimits(): Promise<HistoryLimits>;
}

const MIB = 1024 * 1024;
const names = Object.keys(PREFERENCE_DEFAULTS) as PreferenceName[];

export function createPreferences(settings: SettingsStore): PreferencesService {
  const effective = (stored: Partial<Record<PreferenceName, unknown>> | undefined): Preferences => {
    const entries = names.map((name) => [name, preferenceOr(name, stored?.[name])] as const);
    return Object.fromEntries(entries) as unknown as Preferences;
  };
  const get = async () => effective((await settings.read()).preferences);
  return {
    get,
    async update(patch) {
      const next = await settings.update((current) => ({
        ...current,
        preferences: { ...effective(current.preferences), ...patch },
      }));
      return effective(next.preferences);
    },
    async historyLimits() {
      const preferences = await get();
      return { maxRuns: preferences.historyMaxRuns, maxBytes: preferences.historyMaxMegabytes * MIB };
    },
  };
}
