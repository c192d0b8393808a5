// The app's small preferences (which profile is selected), kept in <userData>/settings.json, written atomically.
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { readJsonFile } from './json-file';

const settingsSchema = z.object({
  version: z.literal(1),
  selectedProfileId: z.string().optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export interface SettingsStore {
  read(): Promise<Settings>;
  update(change: (current: Settings) => Settings): Promise<Settings>;
  problems(): readonly string[];
}

export const settingsPath = (userDataDir: string): string => join(userDataDir, 'settings.json');

export function createSettingsStore(path: string, now: () => Date = () => new Date()): SettingsStore {
  const problems: string[] = [];
  let current: Promise<Settings> | undefined;
  // Updates run one after another so two quick changes never overwrite each other.
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<Settings> => {
    const read = await readJsonFile(path, settingsSchema, now);
    if (read.status === 'ok') return read.value;
    if (read.status === 'damaged') problems.push(`The settings file was damaged and has been kept aside as ${read.keptAs}; defaults are used.`);
    return { version: 1 };
  };

  const read = (): Promise<Settings> => (current ??= load());

  return {
    read,
    update(change) {
      const run = queue.then(async () => {
        const next = settingsSchema.parse(change(await read()));
        await writeFileAtomic(path, JSON.stringify(next, null, 2) + '\n');
        current = Promise.resolve(next);
        return next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    problems: () => [...problems],
  };
}

