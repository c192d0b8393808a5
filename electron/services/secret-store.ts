// Holds API keys in the main process only: encrypted at rest through a Cipher port (Electron's safeStorage
// in the app, a 0600 file where no keychain exists), never handed out except to build a request.
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { readJsonFile } from './json-file';

/** How well a stored key is protected; shown to the user. */
export type KeyProtection = 'keychain' | 'file';

export interface Cipher {
  readonly protection: KeyProtection;
  /**
   * Which scheme wrote an entry ('plain', 'safe-storage'): a host that cannot read an entry (the CLI, for a key the
   * desktop app encrypted with the keychain) says so instead of decoding garbage.
   */
  readonly id?: string;
  /** The keychain backend, when the platform names it (Linux: gnome_libsecret, kwallet, basic_text, ...). */
  readonly backend?: string;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(data: Uint8Array): Promise<string>;
  /** Like decrypt, and says when the keychain wants the data encrypted again (a rotated key, say). */
  decryptDetailed?(data: Uint8Array): Promise<{ readonly plain: string; readonly shouldReEncrypt: boolean }>;
}

/** No keychain: the file's 0600 permissions are the only protection, and the UI says so. */
export const fileCipher: Cipher = {
  protection: 'file',
  id: 'plain',
  encrypt: async (plain) => new TextEncoder().encode(plain),
  decrypt: async (data) => new TextDecoder().decode(data),
};

export interface KeyStatus {
  readonly set: boolean;
  readonly last4?: string;
  readonly changedAt?: string;
  readonly storage?: KeyProtection | 'env';
  /** Set when a stored key cannot be read back (wrong keychain key, damaged entry). */
  readonly problem?: string;
}

const entrySchema = z.object({
  data: z.string(),
  last4: z.string().max(4),
  changedAt: z.string(),
  protection: z.enum(['keychain', 'file']),
  cipher: z.string().optional(),
});
const fileSchema = z.object({ version: z.literal(1), keys: z.record(z.string(), entrySchema) });
type KeyFile = z.infer<typeof fileSchema>;

export class SecretStoreError extends Error {
  readonly code = 'secret-store';
}

/** `BATCH_STUDIO_KEY_<PROFILE>`: the profile's name in capitals, every other character an underscore. */
export const keyEnvName = (profileName: string): string =>
  `BATCH_STUDIO_KEY_${profileName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

export const last4 = (key: string): string => (key.length >= 12 ? key.slice(-4) : '');

export interface SecretStoreOptions {
  readonly path: string;
  readonly cipher: Cipher;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
}

export interface SecretStore {
  status(profileId: string, profileName: string): Promise<KeyStatus>;
  setKey(profileId: string, key: string): Promise<KeyStatus>;
  deleteKey(profileId: string): Promise<void>;
  /** The key for a request, from the environment first, then the store; undefined when none is set. */
  readKey(profileId: string, profileName: string): Promise<string | undefined>;
  /** Problems found when loading the store (a damaged file kept aside), for the UI. */
  problems(): readonly string[];
}

export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const env = options.env ?? {};
  const now = options.now ?? (() => new Date());
  const problems: string[] = [];
  let loaded: Promise<KeyFile> | undefined;
  // Writes are chained so concurrent setKey/deleteKey calls never lose each other's changes.
  let queue: Promise<unknown> = Promise.resolve();

  const load = (): Promise<KeyFile> => {
    loaded ??= (async () => {
      let read;
      try {
        read = await readJsonFile(options.path, fileSchema, now);
      } catch (error) {
        throw new SecretStoreError(`The key store ${options.path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
      }
      if (read.status === 'ok') return read.value;
      if (read.status === 'damaged') {
        problems.push(`The key store was damaged and has been kept aside as ${read.keptAs}. Enter the API keys of your profiles again.`);
      }
      return { version: 1, keys: {} };
    })();
    return loaded;
  };

  const mutate = (change: (file: KeyFile) => Promise<void>): Promise<void> => {
    const run = queue.then(async () => {
      const file = await load();
      await change(file);
      await writeFileAtomic(options.path, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const envKey = (profileName: string): string | undefined => {
    const value = env[keyEnvName(profileName)];
    return value ? value : undefined;
  };

  return {
    async status(profileId, profileName) {
      const fromEnv = envKey(profileName);
      if (fromEnv) return { set: true, last4: last4(fromEnv), storage: 'env' };
      const entry = (await load()).keys[profileId];
      if (!entry) return { set: false };
      const readable = entry.cipher === 'plain' || entry.cipher === options.cipher.id;
      return {
        set: true,
        last4: entry.last4,
        changedAt: entry.changedAt,
        storage: entry.protection,
        ...(readable ? {} : { problem: `Encrypted with the desktop app's keychain: only the app can use it (or set ${keyEnvName(profileName)}).` }),
      };
    },
    async setKey(profileId, key) {
      // Control characters could never travel in an HTTP header; refusing them here beats a failed send later.
      // eslint-disable-next-line no-control-regex
      if (!key || /[\u0000-\u001f\u007f]/.test(key)) throw new SecretStoreError('An API key must be one line of text.');
      const changedAt = now().toISOString();
      const data = Buffer.from(await options.cipher.encrypt(key)).toString('base64');
      await mutate(async (file) => {
        file.keys[profileId] = {
          data,
          last4: last4(key),
          changedAt,
          protection: options.cipher.protection,
          ...(options.cipher.id ? { cipher: options.cipher.id } : {}),
        };
      });
      return { set: true, last4: last4(key), changedAt, storage: options.cipher.protection };
    },
    async deleteKey(profileId) {
      await mutate(async (file) => {
        delete file.keys[profileId];
      });
    },
    async readKey(profileId, profileName) {
      const fromEnv = envKey(profileName);
      if (fromEnv) return fromEnv;
      await queue;
      const entry = (await load()).keys[profileId];
      if (!entry) return undefined;
      // A plain entry (browser host, CLI) reads anywhere; an encrypted one only with the scheme that wrote it.
      if (entry.cipher === 'plain') return fileCipher.decrypt(Buffer.from(entry.data, 'base64'));
      if (entry.cipher !== options.cipher.id) {
        throw new SecretStoreError(
          `The saved API key of "${profileName}" is encrypted with the desktop app's keychain, which only the app can read. ` +
            `Here, give it through ${keyEnvName(profileName)}, or save it again.`,
        );
      }
      let plain: string;
      let reEncrypt = false;
      try {
        const data = Buffer.from(entry.data, 'base64');
        if (options.cipher.decryptDetailed) {
          const detailed = await options.cipher.decryptDetailed(data);
          plain = detailed.plain;
          reEncrypt = detailed.shouldReEncrypt;
        } else plain = await options.cipher.decrypt(data);
      } catch {
        throw new SecretStoreError('The saved API key of this profile cannot be decrypted (the keychain changed?). Enter the key again.');
      }
      if (reEncrypt) {
        // The keychain rotated its key: store the entry again under the new one, keeping when the key was changed.
        const fresh = Buffer.from(await options.cipher.encrypt(plain)).toString('base64');
        await mutate(async (file) => {
          const current = file.keys[profileId];
          if (current && current.data === entry.data) file.keys[profileId] = { ...current, data: fresh };
        }).catch(() => undefined);
      }
      return plain;
    },
    problems: () => [...problems],
  };
}
