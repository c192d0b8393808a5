// Remembers that the user accepted keeping API keys without a real keychain (a 0600 file, or Electron's
// basic_text backend): keys are stored there only after this explicit yes. One small file in the user-data folder.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

const consentSchema = z.object({
  version: z.literal(1),
  /** The backend accepted ('file' for the browser host and the CLI); another backend asks again. */
  acceptedBackend: z.string(),
  acceptedAt: z.string(),
});

export interface KeyStorageConsent {
  accepted(backend: string): Promise<boolean>;
  accept(backend: string): Promise<void>;
}

export const keyStorageConsentPath = (userDataDir: string): string => join(userDataDir, 'key-storage.json');

export function createKeyStorageConsent(path: string, now: () => Date = () => new Date()): KeyStorageConsent {
  let cached: string | undefined;
  const read = async (): Promise<string | undefined> => {
    if (cached !== undefined) return cached;
    try {
      const parsed = consentSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      // A damaged or unknown file counts as "not accepted": the user is simply asked again.
      cached = parsed.success ? parsed.data.acceptedBackend : undefined;
    } catch {
      cached = undefined;
    }
    return cached;
  };
  return {
    async accepted(backend) {
      return (await read()) === backend;
    },
    async accept(backend) {
      await writeFileAtomic(path, JSON.stringify({ version: 1, acceptedBackend: backend, acceptedAt: now().toISOString() }, null, 2) + '\n');
      cached = backend;
    },
  };
}
