// The Preferences dialog's values, kept in settings.json: read with their defaults, changed one patch at a
// time, and handed to the history store as its limits (read at each prune, so a change applies at once).
import { historyLimitsOf, preferencesFrom, type Preferences } from '../contract/preferences';
import type { HistoryLimits } from './history/history-store';
import type { SettingsStore } from './settings';

export interface PreferencesService {
  get(): Promise<Preferences>;
  /** Saves the named values (already validated by the contract) and answers with all of them. */
  update(patch: Partial<Preferences>): Promise<Preferences>;
  historyLimits(): Promise<HistoryLimits>;
}

export function createPreferences(settings: SettingsStore): PreferencesService {
  const get = async () => preferencesFrom((await settings.read()).preferences);
  return {
    get,
    async update(patch) {
      const next = await settings.update((current) => ({
        ...current,
        preferences: { ...preferencesFrom(current.preferences), ...patch },
      }));
      return preferencesFrom(next.preferences);
    },
    historyLimits: async () => historyLimitsOf(await get()),
  };
}
