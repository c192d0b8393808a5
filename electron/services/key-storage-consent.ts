// Remembers that the user accepted keeping API keys without a real keychain (a 0600 file, or Electron's
// basic_text backend): keys are stored there only after this explicit yes. One small file in the user-data folder.
import { join } from 'node:path';
import { z } from 'zod';
import { createJsonStore } from '../node/json-store';

const consentSchema = z.object({
  version: z.literal(1),
  /** The backend accepted ('file' for the browser host and the CLI); another backend asks again. */
  acceptedBackend: z.string().optional(),
  acceptedAt: z.string().optional(),
});

export interface KeyStorageConsent {
  accepted(backend: string): Promise<boolean>;
  accept(backend: string): Promise<void>;
}

export const keyStorageConsentPath = (userDataDir: string): string => join(userDataDir, 'key-storage.json');

export function createKeyStorageConsent(path: string, now: () => Date = () => new Date()): KeyStorageConsent {
  // A damaged file is kept aside and counts as "not accepted": the user is simply asked again.
  const store = createJsonStore({ path, schema: consentSchema, initial: { version: 1 }, now });
  return {
    async accepted(backend) {
      return (await store.read()).acceptedBackend === backend;
    },
    async accept(backend) {
      await store.update(() => ({ version: 1, acceptedBackend: backend, acceptedAt: now().toISOString() }));
    },
  };
}
