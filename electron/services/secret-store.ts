// Holds API keys in the main process only: encrypted at rest through a Cipher port (Electron's safeStorage
// in the app, a 0600 file where no keychain exists), never handed out except to build a request.
import { z } from 'zod';
import { createJsonStore, JsonStoreError } from '../node/json-store';
import { last4 } from '../../core/text/redact';

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

/** The two kinds of secret a profile holds: its API key and, for bulk import, its S3 secret access key. */
export type SecretKind = 'api-key' | 's3-secret';

const entrySchema = z.object({
  data: z.string(),
  last4: z.string().max(4),
  changedAt: z.string(),
  protection: z.enum(['keychain', 'file']),
  cipher: z.string().optional(),
  /** The origin the secret was given for (an API's base URL, an S3 endpoint); it is never sent anywhere else. */
  origin: z.string().optional(),
});
type Entry = z.infer<typeof entrySchema>;
const fileSchema = z.object({
  version: z.literal(1),
  keys: z.record(z.string(), entrySchema),
  s3Secrets: z.record(z.string(), entrySchema).optional(),
});
type KeyFile = z.infer<typeof fileSchema>;

export class SecretStoreError extends Error {
  readonly code = 'secret-store';
}

const envSuffix = (profileName: string): string => profileName.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** `BATCH_STUDIO_KEY_<PROFILE>`: the profile's name in capitals, every other character an underscore. */
export const keyEnvName = (profileName: string): string => `BATCH_STUDIO_KEY_${envSuffix(profileName)}`;

/** `BATCH_STUDIO_S3_SECRET_<PROFILE>`, named like the API key's variable. */
export const s3SecretEnvName = (profileName: string): string => `BATCH_STUDIO_S3_SECRET_${envSuffix(profileName)}`;

const envName = (kind: SecretKind, profileName: string): string =>
  (kind === 'api-key' ? keyEnvName : s3SecretEnvName)(profileName);
const noun = (kind: SecretKind): string => (kind === 'api-key' ? 'API key' : 'S3 secret');

export interface SecretStoreOptions {
  readonly path: string;
  readonly cipher: Cipher;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
}

/** A secret read for a request: where it came from, and (for a saved one) the origin it was saved for. */
export interface ReadSecret {
  readonly value: string;
  readonly source: 'env' | 'store';
  readonly origin?: string;
}

export interface SecretStore {
  status(profileId: string, profileName: string, kind?: SecretKind): Promise<KeyStatus>;
  /** Saves a secret for a profile; `origin` is the only place it may ever be sent. */
  setKey(
    profileId: string,
    key: string,
    options?: { readonly kind?: SecretKind; readonly origin?: string },
  ): Promise<KeyStatus>;
  deleteKey(profileId: string, kind?: SecretKind): Promise<void>;
  /** The key for a request, from the environment first, then the store; undefined when none is set. */
  readKey(profileId: string, profileName: string): Promise<string | undefined>;
  /** Like readKey, for either kind, saying where the secret came from and the origin it was saved for. */
  readSecret(profileId: string, profileName: string, kind: SecretKind): Promise<ReadSecret | undefined>;
  /** Problems found when loading the store (a damaged file kept aside), for the UI. */
  problems(): readonly string[];
}

const entriesOf = (file: KeyFile, kind: SecretKind): Readonly<Record<string, Entry>> =>
  kind === 'api-key' ? file.keys : (file.s3Secrets ?? {});

const withEntry = (file: KeyFile, kind: SecretKind, profileId: string, entry: Entry | undefined): KeyFile => {
  const entries = { ...entriesOf(file, kind) };
  if (entry) entries[profileId] = entry;
  else delete entries[profileId];
  return kind === 'api-key' ? { ...file, keys: entries } : { ...file, s3Secrets: entries };
};

export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const env = options.env ?? {};
  const now = options.now ?? (() => new Date());
  const file = createJsonStore({
    path: options.path,
    schema: fileSchema,
    initial: { version: 1, keys: {} },
    mode: 0o600,
    now,
    damaged: (keptAs) =>
      `The key store was damaged and has been kept aside as ${keptAs}. Enter the API keys of your profiles again.`,
  });

  const load = async (): Promise<KeyFile> => {
    try {
      return await file.read();
    } catch (error) {
      if (error instanceof JsonStoreError)
        throw new SecretStoreError(`The key store ${options.path} cannot be read (${error.reason}).`);
      throw error;
    }
  };

  const fromEnv = (kind: SecretKind, profileName: string): string | undefined => {
    const value = env[envName(kind, profileName)];
    return value ? value : undefined;
  };

  const decrypt = async (entry: Entry, kind: SecretKind, profileId: string, profileName: string): Promise<string> => {
    // A plain entry (browser host, CLI) reads anywhere; an encrypted one only with the scheme that wrote it.
    if (entry.cipher === 'plain') return fileCipher.decrypt(Buffer.from(entry.data, 'base64'));
    if (entry.cipher !== options.cipher.id) {
      throw new SecretStoreError(
        `The saved ${noun(kind)} of "${profileName}" is encrypted with the desktop app's keychain, which only the app can read. ` +
          `Here, give it through ${envName(kind, profileName)}, or save it again.`,
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
      throw new SecretStoreError(
        `The saved ${noun(kind)} of this profile cannot be decrypted (the keychain changed?). Enter ${kind === 'api-key' ? 'the key' : 'the S3 secret'} again.`,
      );
    }
    if (reEncrypt) {
      // The keychain rotated its key: store the entry again under the new one, keeping when the key was changed.
      const fresh = Buffer.from(await options.cipher.encrypt(plain)).toString('base64');
      await file
        .update((current) => {
          const now = entriesOf(current, kind)[profileId];
          return now && now.data === entry.data
            ? withEntry(current, kind, profileId, { ...now, data: fresh })
            : current;
        })
        .catch(() => undefined);
    }
    return plain;
  };

  const readSecret: SecretStore['readSecret'] = async (profileId, profileName, kind) => {
    const env = fromEnv(kind, profileName);
    if (env) return { value: env, source: 'env' };
    const entry = entriesOf(await load(), kind)[profileId];
    if (!entry) return undefined;
    const value = await decrypt(entry, kind, profileId, profileName);
    return { value, source: 'store', ...(entry.origin ? { origin: entry.origin } : {}) };
  };

  return {
    async status(profileId, profileName, kind = 'api-key') {
      const env = fromEnv(kind, profileName);
      if (env) return { set: true, last4: last4(env), storage: 'env' };
      const entry = entriesOf(await load(), kind)[profileId];
      if (!entry) return { set: false };
      const readable = entry.cipher === 'plain' || entry.cipher === options.cipher.id;
      return {
        set: true,
        last4: entry.last4,
        changedAt: entry.changedAt,
        storage: entry.protection,
        ...(readable
          ? {}
          : {
              problem: `Encrypted with the desktop app's keychain: only the app can use it (or set ${envName(kind, profileName)}).`,
            }),
      };
    },
    async setKey(profileId, key, setOptions = {}) {
      const kind = setOptions.kind ?? 'api-key';
      // Control characters could never travel in an HTTP header; refusing them here beats a failed send later.
      // eslint-disable-next-line no-control-regex
      if (!key || /[\u0000-\u001f\u007f]/.test(key))
        throw new SecretStoreError(`An ${kind === 'api-key' ? 'API key' : 'S3 secret'} must be one line of text.`);
      const changedAt = now().toISOString();
      const data = Buffer.from(await options.cipher.encrypt(key)).toString('base64');
      const entry: Entry = {
        data,
        last4: last4(key),
        changedAt,
        protection: options.cipher.protection,
        ...(options.cipher.id ? { cipher: options.cipher.id } : {}),
        ...(setOptions.origin ? { origin: setOptions.origin } : {}),
      };
      await file.update((current) => withEntry(current, kind, profileId, entry));
      return { set: true, last4: last4(key), changedAt, storage: options.cipher.protection };
    },
    async deleteKey(profileId, kind = 'api-key') {
      await file.update((current) =>
        entriesOf(current, kind)[profileId] ? withEntry(current, kind, profileId, undefined) : current,
      );
    },
    async readKey(profileId, profileName) {
      return (await readSecret(profileId, profileName, 'api-key'))?.value;
    },
    readSecret,
    problems: () => file.problems(),
  };
}
