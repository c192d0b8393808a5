// The app's small preferences (which profile is selected), kept in <userData>/settings.json, written atomically.
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

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
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1 };
      throw error;
    }
    const parsed = settingsSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    // Never silently replace a file someone may want back: keep it aside and say so.
    const aside = `${path}.damaged-${now().getTime()}`;
    await rename(path, aside);
    problems.push(`The settings file was damaged and has been kept aside as ${aside}; defaults are used.`);
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
