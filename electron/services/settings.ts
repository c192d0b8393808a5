// The app's small preferences (which profile is selected), kept in <userData>/settings.json: the one place the
// selection lives (older profiles.json files also held it; profiles.ts moves that value here on read).
import { join } from 'node:path';
import { z } from 'zod';
import { createJsonStore, type JsonStore } from '../node/json-store';

const settingsSchema = z.object({
  version: z.literal(1),
  selectedProfileId: z.string().optional(),
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
