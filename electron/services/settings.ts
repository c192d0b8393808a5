// The app's small settings (which profile is selected, the Preferences dialog's values), kept in
// <userData>/settings.json: the one place the selection lives (older profiles.json files also held it;
// profiles.ts moves that value here on read).
import { join } from 'node:path';
import { z } from 'zod';
import { createJsonStore, type JsonStore } from '../node/json-store';

const settingsSchema = z.object({
  version: z.literal(1),
  selectedProfileId: z.string().optional(),
  // Read loosely: a value out of bounds falls back to its default (preferences.ts) instead of the whole file
  // being set aside as damaged, which would also lose the selected profile.
  preferences: z
    .object({ historyMaxRuns: z.unknown(), historyMaxMegabytes: z.unknown(), bulkImportThreshold: z.unknown() })
    .partial()
    .optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export type SettingsStore = Pick<JsonStore<Settings>, 'read' | 'update' | 'problems'>;

export const settingsPath = (userDataDir: string): string => join(userDataDir, 'settings.json');

export function createSettingsStore(path: string, now: () => Date = () => new Date()): SettingsStore {
  return createJsonStore({
    path,
    schema: settingsSchema,
    initial: { version: 1 },
    now,
    damaged: (keptAs) => `The settings file was damaged and has been kept aside as ${keptAs}; defaults are used.`,
  });
}
