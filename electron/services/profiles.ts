// The targets a batch can be sent to: the built-in "Local sandbox" plus saved profiles (profile-store) whose
// keys live in the key store (secret-store). Keys go in, key statuses come out; only resolve() hands a key
// out, to build a request inside the main process.
import { join } from 'node:path';
import { checkBaseUrl } from '../contract/base-url';
import type { ConnectionResultOutput, KeyStatusOutput, KeyStorage, Profile, ProfileDraftInput } from '../contract/channels';
import { testConnection } from './connection-test';
import { createKeyStorageConsent, keyStorageConsentPath } from './key-storage-consent';
import { createProfileStore, DEFAULT_BASE_URL, LOCAL_SANDBOX_ID as STORE_LOCAL_SANDBOX_ID, ProfileError, type StoredProfile } from './profile-store';
import { CallFailure } from './router';
import type { SandboxManager } from './sandbox-manager';
import { createSecretStore, fileCipher, keyEnvName, SecretStoreError, type Cipher, type KeyStatus } from './secret-store';
import type { SettingsStore } from './settings';

export const LOCAL_SANDBOX_ID = STORE_LOCAL_SANDBOX_ID;
const LOCAL_SANDBOX_NAME = 'Local sandbox';
const LOCAL_SANDBOX_COLOR = '#2e7d32';

/** A profile with its key, for one send. Lives in main only; never returned by a channel. */
export interface SendTarget {
  readonly profileId: string;
  readonly profileName: string;
  readonly url: string;
  readonly projectId: string;
  readonly apiKey: string;
}

export interface ProfileService {
  list(): Promise<{ profiles: Profile[]; selectedId: string; problems?: string[] }>;
  select(id: string): Promise<void>;
  /**
   * The target with its key. For a send, pass `send`: a production profile with confirmation on is refused
   * unless the user confirmed, so no renderer bug can skip the question.
   */
  resolve(id: string, send?: { readonly confirmed?: boolean | undefined }): Promise<SendTarget>;
  create(draft: ProfileDraftInput): Promise<Profile>;
  update(id: string, draft: ProfileDraftInput): Promise<Profile>;
  duplicate(id: string): Promise<Profile>;
  remove(id: string): Promise<void>;
  setKey(id: string, key: string): Promise<KeyStatusOutput>;
  clearKey(id: string): Promise<KeyStatusOutput>;
  test(input: { id?: string; draft?: ProfileDraftInput; key?: string }): Promise<ConnectionResultOutput>;
  storage(): Promise<KeyStorage>;
  acceptWeakStorage(): Promise<KeyStorage>;
  /** Every key value this service has handled, for scrubbing messages. */
  secrets(): string[];
}

/** `••••` and at most the last 4 characters, only for keys long enough that 4 characters give nothing away. */
export const keyHint = (key: string): string => `••••${key.length >= 12 ? key.slice(-4) : ''}`;

const last4 = (key: string): string | undefined => (key.length >= 12 ? key.slice(-4) : undefined);

export const profilesPath = (userDataDir: string): string => join(userDataDir, 'profiles.json');
/** The key store: the one file in the user-data folder that holds keys (encrypted, or 0600 without a keychain). */
export const keyStorePath = (userDataDir: string): string => join(userDataDir, 'keys.json');

/** What the user is told when keys would not be protected by a real keychain. */
export function weakStorageWarning(backend: string | undefined): string {
  if (backend === 'basic_text' || backend === 'unknown' || backend === 'unavailable') {
    const why = backend === 'unavailable' ? 'the system’s encryption is not available' : `Electron reports the "${backend}" backend`;
    return (
      `This system offers no keychain to Batch Studio (${why}), so saved API keys would sit in a file ` +
      'only your user account can read, without real encryption. Accept this to save keys, or give them through BATCH_STUDIO_KEY_<PROFILE> environment variables.'
    );
  }
  return (
    'Without the desktop app’s keychain, saved API keys are kept unencrypted in a file only your user account can read (mode 0600). ' +
    'Accept this to save keys, or give them through BATCH_STUDIO_KEY_<PROFILE> environment variables.'
  );
}

export interface ProfileServiceOptions {
  readonly userDataDir: string;
  /** The embedded sandbox, for the built-in profile (the CLI has none running: both answer undefined). */
  readonly sandbox: Pick<SandboxManager, 'target' | 'projectId'>;
  readonly settings: SettingsStore;
  /** Electron's safeStorage in the app; the 0600 file cipher in the browser host and the CLI. */
  readonly cipher?: Cipher;
  /** Where `BATCH_STUDIO_KEY_<PROFILE>` overrides are read. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
  readonly connectionTimeoutMs?: number;
}

const failure = (error: unknown): never => {
  if (error instanceof ProfileError) throw new CallFailure(error.code, error.message);
  if (error instanceof SecretStoreError) throw new CallFailure('failed', error.message);
  throw error;
};

const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    return failure(error);
  }
};

export function createProfileService(options: ProfileServiceOptions): ProfileService {
  const cipher = options.cipher ?? fileCipher;
  const backend = cipher.backend ?? cipher.protection;
  const consent = createKeyStorageConsent(keyStorageConsentPath(options.userDataDir), options.now);
  const seen = new Set<string>();
  // A key that failed to decrypt is reported on its profile until a new one is saved.
  const keyProblems = new Map<string, string>();

  const localSandbox = (): StoredProfile => {
    const target = options.sandbox.target();
    return {
      id: LOCAL_SANDBOX_ID,
      name: LOCAL_SANDBOX_NAME,
      baseUrl: target?.url ?? '',
      projectId: target?.projectId ?? options.sandbox.projectId() ?? '',
      color: LOCAL_SANDBOX_COLOR,
      production: false,
      confirmProduction: false,
    };
  };

  const store = createProfileStore({ path: profilesPath(options.userDataDir), localSandbox, ...(options.now ? { now: options.now } : {}) });
  const secrets = createSecretStore({
    path: keyStorePath(options.userDataDir),
    cipher,
    env: options.env ?? {},
    ...(options.now ? { now: options.now } : {}),
  });

  const keyStatus = async (profile: StoredProfile): Promise<KeyStatusOutput> => {
    if (profile.id === LOCAL_SANDBOX_ID) {
      const target = options.sandbox.target();
      const hint = target ? last4(target.pushKey) : undefined;
      return { set: true, ...(hint ? { last4: hint } : {}), storage: 'built-in' };
    }
    const status: KeyStatus = await secrets.status(profile.id, profile.name);
    const problem = keyProblems.get(profile.id) ?? status.problem;
    return {
      set: status.set,
      ...(status.last4 ? { last4: status.last4 } : {}),
      ...(status.changedAt ? { changedAt: status.changedAt } : {}),
      ...(status.storage ? { storage: status.storage } : {}),
      ...(problem && status.storage !== 'env' ? { problem } : {}),
    };
  };

  const toProfile = async (profile: StoredProfile): Promise<Profile> => ({
    ...profile,
    builtIn: profile.id === LOCAL_SANDBOX_ID,
    key: await keyStatus(profile),
  });

  const mustGet = async (id: string): Promise<StoredProfile> => {
    const found = await store.get(id);
    if (!found) throw new CallFailure('not-found', 'There is no such target. Pick one from the Target list.');
    return found;
  };

  const storageState = async (): Promise<KeyStorage> => {
    if (cipher.protection === 'keychain') return { protection: 'keychain', ...(cipher.backend ? { backend: cipher.backend } : {}), accepted: true };
    return {
      protection: 'file',
      ...(cipher.backend ? { backend: cipher.backend } : {}),
      warning: weakStorageWarning(cipher.backend),
      accepted: await consent.accepted(backend),
    };
  };

  /** The stored (or environment) key of a saved profile; a key that cannot be decrypted is remembered as a problem. */
  const readKey = async (profile: StoredProfile): Promise<string | undefined> => {
    if (profile.id === LOCAL_SANDBOX_ID) return options.sandbox.target()?.pushKey;
    try {
      const key = await secrets.readKey(profile.id, profile.name);
      if (key) seen.add(key);
      return key;
    } catch (error) {
      if (error instanceof SecretStoreError) keyProblems.set(profile.id, error.message);
      throw error;
    }
  };

  const storeKey = async (id: string, key: string): Promise<KeyStatusOutput> => {
    const state = await storageState();
    if (!state.accepted) {
      throw new CallFailure(
        'invalid',
        'The key was not saved: this system has no keychain, and keeping keys in a plain file needs your explicit consent first ' +
          '(Profiles → accept file storage), or give the key through an environment variable.',
      );
    }
    seen.add(key);
    await secrets.setKey(id, key);
    keyProblems.delete(id);
    return keyStatus(await mustGet(id));
  };

  return {
    async list() {
      const { profiles } = await store.list();
      const { selectedProfileId } = await options.settings.read();
      const listed = await Promise.all(profiles.map(toProfile));
      // A remembered profile that no longer exists falls back to the one that always does.
      const selected = listed.find((p) => p.id === selectedProfileId);
      const problems = [...store.problems(), ...secrets.problems(), ...options.settings.problems()];
      return { profiles: listed, selectedId: selected?.id ?? LOCAL_SANDBOX_ID, ...(problems.length > 0 ? { problems } : {}) };
    },
    async select(id) {
      await mustGet(id);
      await options.settings.update((current) => ({ ...current, selectedProfileId: id }));
    },
    async resolve(id, send) {
      const profile = await mustGet(id);
      if (send && profile.production && profile.confirmProduction && send.confirmed !== true) {
        throw new CallFailure(
          'invalid',
          `"${profile.name}" is a production target: the send must be confirmed first (the app asks before sending there; confirmation can be turned off per profile).`,
        );
      }
      if (id === LOCAL_SANDBOX_ID) {
        const target = options.sandbox.target();
        if (!target) throw new CallFailure('invalid', 'The local sandbox is not running. Restart it from the sandbox panel, then send again.');
        return { profileId: LOCAL_SANDBOX_ID, profileName: LOCAL_SANDBOX_NAME, url: target.url, projectId: target.projectId, apiKey: target.pushKey };
      }
      const key = await guarded(() => readKey(profile));
      if (!key) {
        throw new CallFailure(
          'invalid',
          `No API key is set for "${profile.name}". Enter one in Profiles (or set ${keyEnvName(profile.name)}), then send again.`,
        );
      }
      return { profileId: profile.id, profileName: profile.name, url: profile.baseUrl, projectId: profile.projectId, apiKey: key };
    },
    create: (draft) => guarded(async () => toProfile(await store.create(draft))),
    update: (id, draft) =>
      guarded(async () => {
        const before = await mustGet(id);
        const updated = await store.update(id, draft);
        // A key belongs to the host it was given for: pointing a profile elsewhere must not carry the saved key
        // there (a compromised renderer could otherwise redirect it), so the user enters it again for the new host.
        if (new URL(before.baseUrl).origin !== new URL(updated.baseUrl).origin) {
          await secrets.deleteKey(id);
          keyProblems.delete(id);
        }
        return toProfile(updated);
      }),
    duplicate: (id) =>
      guarded(async () => {
        const source = await mustGet(id);
        const copy = await store.duplicate(id);
        // The copy keeps the saved key (it never leaves main); a built-in or environment key is not copied.
        if (id !== LOCAL_SANDBOX_ID && (await secrets.status(source.id, source.name)).storage === cipher.protection && (await storageState()).accepted) {
          const key = await secrets.readKey(source.id, source.name).catch(() => undefined);
          if (key) await secrets.setKey(copy.id, key);
        }
        return toProfile(copy);
      }),
    remove: (id) =>
      guarded(async () => {
        await store.remove(id);
        await secrets.deleteKey(id);
        keyProblems.delete(id);
      }),
    setKey: (id, key) =>
      guarded(async () => {
        if (id === LOCAL_SANDBOX_ID) throw new CallFailure('invalid', 'The Local sandbox uses its own built-in key; it cannot be changed.');
        await mustGet(id);
        return storeKey(id, key);
      }),
    clearKey: (id) =>
      guarded(async () => {
        if (id === LOCAL_SANDBOX_ID) throw new CallFailure('invalid', 'The Local sandbox uses its own built-in key; it cannot be cleared.');
        const profile = await mustGet(id);
        await secrets.deleteKey(id);
        keyProblems.delete(id);
        return keyStatus(profile);
      }),
    async test(input) {
      let baseUrl: string;
      let projectId: string;
      let key: string | undefined = input.key ? input.key : undefined;
      if (key) seen.add(key);
      const saved = input.id !== undefined ? await mustGet(input.id) : undefined;
      if (input.draft) {
        const url = checkBaseUrl(input.draft.baseUrl?.trim() ? input.draft.baseUrl : DEFAULT_BASE_URL);
        if (!url.ok) return { verdict: 'invalid', message: url.reason };
        baseUrl = url.url;
        projectId = input.draft.projectId.trim();
        if (!projectId) return { verdict: 'invalid', message: 'The project id is required.' };
      } else if (saved) {
        baseUrl = saved.baseUrl;
        projectId = saved.projectId;
      } else {
        return { verdict: 'invalid', message: 'Name a saved profile or fill in the form to test.' };
      }
      if (!key && saved) {
        try {
          key = await readKey(saved);
        } catch (error) {
          if (error instanceof SecretStoreError) return { verdict: 'unauthorised', message: error.message };
          throw error;
        }
      }
      if (saved?.id === LOCAL_SANDBOX_ID && !options.sandbox.target()) {
        return { verdict: 'unreachable', message: 'The local sandbox is not running. Restart it from the sandbox panel.' };
      }
      const result = await testConnection({
        baseUrl,
        projectId,
        apiKey: key,
        ...(options.connectionTimeoutMs ? { timeoutMs: options.connectionTimeoutMs } : {}),
      });
      return {
        verdict: result.verdict,
        message: result.message,
        ...(result.status !== undefined ? { status: result.status } : {}),
        durationMs: result.durationMs,
      };
    },
    storage: storageState,
    async acceptWeakStorage() {
      if (cipher.protection === 'file') await consent.accept(backend);
      return storageState();
    },
    secrets: () => [...seen],
  };
}
