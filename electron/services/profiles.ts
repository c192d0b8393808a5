// The targets a batch can be sent to: the built-in "Local sandbox" plus saved profiles (profile-store) whose
// keys live in the key store (secret-store). Keys go in, key statuses come out; only the credential resolver
// (credentials.ts) hands a key out, for the origin it was saved for, to build a request inside the main process.
import { join } from 'node:path';
import { checkBaseUrl } from '../contract/base-url';
import type {
  ConnectionResultOutput,
  KeyStatusOutput,
  KeyStorage,
  Profile,
  ProfileDraftInput,
} from '../contract/channels';
import { testConnection } from './connection-test';
import {
  createCredentialResolver,
  CredentialRefusal,
  originOf,
  s3OriginOf,
  type BulkImportCredentials,
  type Credentials,
  type CredentialUse,
} from './credentials';
import { createKeyStorageConsent, keyStorageConsentPath } from './key-storage-consent';
import {
  createProfileStore,
  DEFAULT_BASE_URL,
  LOCAL_SANDBOX_ID as STORE_LOCAL_SANDBOX_ID,
  ProfileError,
  type StoredProfile,
} from './profile-store';
import { CallFailure } from '../contract/handlers';
import type { SandboxManager } from './sandbox-manager';
import { last4 } from '../../core/text/redact';
import {
  createSecretStore,
  fileCipher,
  SecretStoreError,
  type Cipher,
  type KeyStatus,
  type SecretKind,
} from './secret-store';
import type { SettingsStore } from './settings';

export const LOCAL_SANDBOX_ID = STORE_LOCAL_SANDBOX_ID;
const LOCAL_SANDBOX_NAME = 'Local sandbox';
const LOCAL_SANDBOX_COLOR = '#2e7d32';

/** A profile with its key, for one send. Lives in main only; never returned by a channel. */
export type SendTarget = Credentials;

export interface ProfileService {
  list(): Promise<{ profiles: Profile[]; selectedId: string; problems?: string[] }>;
  select(id: string): Promise<void>;
  /**
   * The target with its key. For a send, pass `send`: a production profile with confirmation on is refused
   * unless the user confirmed, so no renderer bug can skip the question. Goes through resolveCredentials.
   */
  resolve(id: string, send?: { readonly confirmed?: boolean | undefined }): Promise<SendTarget>;
  /** The one way to a saved key: only for the origin it was saved for (see credentials.ts). */
  resolveCredentials(id: string, use?: CredentialUse): Promise<Credentials>;
  /** The bulk import section with its S3 secret, only for the S3 endpoint the secret was saved with. */
  resolveBulkImport(id: string): Promise<BulkImportCredentials>;
  create(draft: ProfileDraftInput): Promise<Profile>;
  update(id: string, draft: ProfileDraftInput): Promise<Profile>;
  duplicate(id: string): Promise<Profile>;
  remove(id: string): Promise<void>;
  setKey(id: string, key: string): Promise<KeyStatusOutput>;
  clearKey(id: string): Promise<KeyStatusOutput>;
  setS3Secret(id: string, secret: string): Promise<KeyStatusOutput>;
  clearS3Secret(id: string): Promise<KeyStatusOutput>;
  test(input: { id?: string; draft?: ProfileDraftInput; key?: string }): Promise<ConnectionResultOutput>;
  storage(): Promise<KeyStorage>;
  acceptWeakStorage(): Promise<KeyStorage>;
  /** Every key value this service has handled, for scrubbing messages. */
  secrets(): string[];
}

export const profilesPath = (userDataDir: string): string => join(userDataDir, 'profiles.json');
/** The key store: the one file in the user-data folder that holds keys (encrypted, or 0600 without a keychain). */
export const keyStorePath = (userDataDir: string): string => join(userDataDir, 'keys.json');

/** What the user is told when keys would not be protected by a real keychain. */
export function weakStorageWarning(backend: string | undefined): string {
  if (backend === 'basic_text' || backend === 'unknown' || backend === 'unavailable') {
    const why =
      backend === 'unavailable'
        ? 'the system’s encryption is not available'
        : `Electron reports the "${backend}" backend`;
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
  /**
   * Electron: main asks the person itself (a native dialog) before keys are kept without a keychain, so no
   * message from the renderer can give that consent. Absent in the browser host, whose page asks in-page.
   */
  readonly confirmWeakStorage?: (warning: string) => Promise<boolean>;
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

const statusOutput = (status: KeyStatus, problem: string | undefined): KeyStatusOutput => ({
  set: status.set,
  ...(status.last4 ? { last4: status.last4 } : {}),
  ...(status.changedAt ? { changedAt: status.changedAt } : {}),
  ...(status.storage ? { storage: status.storage } : {}),
  ...(problem && status.storage !== 'env' ? { problem } : {}),
});

export function createProfileService(options: ProfileServiceOptions): ProfileService {
  const cipher = options.cipher ?? fileCipher;
  const backend = cipher.backend ?? cipher.protection;
  const consent = createKeyStorageConsent(keyStorageConsentPath(options.userDataDir), options.now);
  const seen = new Set<string>();
  // A secret that failed to decrypt is reported on its profile until a new one is saved.
  const keyProblems = new Map<string, string>();
  const problemKey = (id: string, kind: SecretKind) => `${kind}:${id}`;

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

  const store = createProfileStore({
    path: profilesPath(options.userDataDir),
    localSandbox,
    ...(options.now ? { now: options.now } : {}),
  });
  const secrets = createSecretStore({
    path: keyStorePath(options.userDataDir),
    cipher,
    env: options.env ?? {},
    ...(options.now ? { now: options.now } : {}),
  });

  // Older profiles.json files held the selection too: it moves to settings.json once, before anything else.
  let migration: Promise<void> | undefined;
  const migrated = (): Promise<void> =>
    (migration ??= (async () => {
      const { legacySelectedId } = await store.list();
      if (legacySelectedId === undefined) return;
      const current = await options.settings.read();
      if (current.selectedProfileId === undefined)
        await options.settings.update((s) => ({ ...s, selectedProfileId: legacySelectedId }));
    })().catch((error: unknown) => {
      migration = undefined;
      throw error;
    }));

  const secretStatus = async (profile: StoredProfile, kind: SecretKind): Promise<KeyStatusOutput> => {
    const status = await secrets.status(profile.id, profile.name, kind);
    return statusOutput(status, keyProblems.get(problemKey(profile.id, kind)) ?? status.problem);
  };

  const keyStatus = async (profile: StoredProfile): Promise<KeyStatusOutput> => {
    if (profile.id === LOCAL_SANDBOX_ID) {
      const target = options.sandbox.target();
      const hint = target ? last4(target.pushKey) : '';
      return { set: true, ...(hint ? { last4: hint } : {}), storage: 'built-in' };
    }
    return secretStatus(profile, 'api-key');
  };

  const toProfile = async (profile: StoredProfile): Promise<Profile> => {
    const { bulkImport, ...rest } = profile;
    return {
      ...rest,
      builtIn: profile.id === LOCAL_SANDBOX_ID,
      key: await keyStatus(profile),
      ...(bulkImport ? { bulkImport: { ...bulkImport, secret: await secretStatus(profile, 's3-secret') } } : {}),
    };
  };

  const mustGet = async (id: string): Promise<StoredProfile> => {
    await migrated();
    const found = await store.get(id);
    if (!found) throw new CallFailure('not-found', 'There is no such target. Pick one from the Target list.');
    return found;
  };

  const storageState = async (): Promise<KeyStorage> => {
    if (cipher.protection === 'keychain')
      return { protection: 'keychain', ...(cipher.backend ? { backend: cipher.backend } : {}), accepted: true };
    return {
      protection: 'file',
      ...(cipher.backend ? { backend: cipher.backend } : {}),
      warning: weakStorageWarning(cipher.backend),
      accepted: await consent.accepted(backend),
    };
  };

  /** A stored (or environment) secret of a saved profile; one that cannot be decrypted is remembered as a problem. */
  const readSecret = async (profile: StoredProfile, kind: SecretKind) => {
    try {
      const secret = await secrets.readSecret(profile.id, profile.name, kind);
      if (secret) seen.add(secret.value);
      return secret;
    } catch (error) {
      if (error instanceof SecretStoreError) keyProblems.set(problemKey(profile.id, kind), error.message);
      throw error;
    }
  };

  const credentials = createCredentialResolver({
    profile: async (id) => {
      await migrated();
      return store.get(id);
    },
    readSecret: (profile, kind) => guarded(() => readSecret(profile, kind)),
    sandbox: () => options.sandbox.target(),
  });

  const storeSecret = async (profile: StoredProfile, value: string, kind: SecretKind): Promise<KeyStatusOutput> => {
    const state = await storageState();
    if (!state.accepted) {
      throw new CallFailure(
        'invalid',
        `The ${kind === 'api-key' ? 'key' : 'S3 secret'} was not saved: this system has no keychain, and keeping secrets in a plain file needs your explicit consent first ` +
          '(Profiles → accept file storage), or give it through an environment variable.',
      );
    }
    seen.add(value);
    // The secret is bound to where it may go: the API's origin, or the S3 endpoint of the bulk import section.
    const origin = kind === 'api-key' ? originOf(profile.baseUrl) : s3OriginOf(profile.bulkImport);
    await secrets.setKey(profile.id, value, { kind, origin });
    keyProblems.delete(problemKey(profile.id, kind));
    return secretStatus(profile, kind);
  };

  const forget = async (id: string, kind: SecretKind): Promise<void> => {
    await secrets.deleteKey(id, kind);
    keyProblems.delete(problemKey(id, kind));
  };

  const editable = async (id: string, what: string): Promise<StoredProfile> => {
    if (id === LOCAL_SANDBOX_ID)
      throw new CallFailure('invalid', `The Local sandbox uses its own built-in key; ${what}.`);
    return mustGet(id);
  };

  /** Copies a saved (not environment) secret to a duplicated profile, with the origin it was saved for. */
  const copySecret = async (source: StoredProfile, copyId: string, kind: SecretKind): Promise<void> => {
    if ((await secrets.status(source.id, source.name, kind)).storage !== cipher.protection) return;
    const secret = await secrets.readSecret(source.id, source.name, kind).catch(() => undefined);
    if (secret?.source === 'store')
      await secrets.setKey(copyId, secret.value, { kind, ...(secret.origin ? { origin: secret.origin } : {}) });
  };

  return {
    async list() {
      await migrated();
      const { profiles } = await store.list();
      const { selectedProfileId } = await options.settings.read();
      const listed = await Promise.all(profiles.map(toProfile));
      // A remembered profile that no longer exists falls back to the one that always does.
      const selected = listed.find((p) => p.id === selectedProfileId);
      const problems = [...store.problems(), ...secrets.problems(), ...options.settings.problems()];
      return {
        profiles: listed,
        selectedId: selected?.id ?? LOCAL_SANDBOX_ID,
        ...(problems.length > 0 ? { problems } : {}),
      };
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
      return credentials.resolveCredentials(id);
    },
    resolveCredentials: (id, use) => credentials.resolveCredentials(id, use),
    resolveBulkImport: (id) => credentials.resolveBulkImport(id),
    create: (draft) =>
      guarded(async () => {
        await migrated();
        return toProfile(await store.create(draft));
      }),
    update: (id, draft) =>
      guarded(async () => {
        const before = await mustGet(id);
        const updated = await store.update(id, draft);
        // A key belongs to the host it was given for: pointing a profile elsewhere must not carry the saved key
        // there (a compromised renderer could otherwise redirect it), so the user enters it again for the new host.
        if (originOf(before.baseUrl) !== originOf(updated.baseUrl)) await forget(id, 'api-key');
        // The same for the S3 secret and its endpoint; without a bulk import section it has no use at all.
        if (!updated.bulkImport || s3OriginOf(before.bulkImport) !== s3OriginOf(updated.bulkImport))
          await forget(id, 's3-secret');
        return toProfile(updated);
      }),
    duplicate: (id) =>
      guarded(async () => {
        const source = await mustGet(id);
        const copy = await store.duplicate(id);
        // The copy keeps the saved secrets (they never leave main); a built-in or environment key is not copied.
        if (id !== LOCAL_SANDBOX_ID && (await storageState()).accepted) {
          await copySecret(source, copy.id, 'api-key');
          await copySecret(source, copy.id, 's3-secret');
        }
        return toProfile(copy);
      }),
    remove: (id) =>
      guarded(async () => {
        await migrated();
        await store.remove(id);
        await forget(id, 'api-key');
        await forget(id, 's3-secret');
      }),
    setKey: (id, key) => guarded(async () => storeSecret(await editable(id, 'it cannot be changed'), key, 'api-key')),
    clearKey: (id) =>
      guarded(async () => {
        const profile = await editable(id, 'it cannot be cleared');
        await forget(id, 'api-key');
        return keyStatus(profile);
      }),
    setS3Secret: (id, secret) =>
      guarded(async () => {
        const profile = await mustGet(id);
        if (!profile.bulkImport)
          throw new CallFailure(
            'invalid',
            `"${profile.name}" has no bulk import settings: add an S3 bucket first, then its secret.`,
          );
        return storeSecret(profile, secret, 's3-secret');
      }),
    clearS3Secret: (id) =>
      guarded(async () => {
        const profile = await mustGet(id);
        await forget(id, 's3-secret');
        return secretStatus(profile, 's3-secret');
      }),
    test: (input) => testProfile(input),
    storage: storageState,
    async acceptWeakStorage() {
      const state = await storageState();
      if (state.accepted) return state;
      if (
        options.confirmWeakStorage &&
        !(await options.confirmWeakStorage(state.warning ?? weakStorageWarning(cipher.backend)))
      )
        return state;
      await consent.accept(backend);
      return storageState();
    },
    secrets: () => [...seen],
  };

  async function testProfile(input: {
    id?: string;
    draft?: ProfileDraftInput;
    key?: string;
  }): Promise<ConnectionResultOutput> {
    let baseUrl: string;
    let projectId: string;
    const typed = input.key ? input.key : undefined;
    if (typed) seen.add(typed);
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
    let key = typed;
    if (!key && saved) {
      if (saved.id === LOCAL_SANDBOX_ID && !options.sandbox.target()) {
        return {
          verdict: 'unreachable',
          message: 'The local sandbox is not running. Restart it from the sandbox panel.',
        };
      }
      // A saved key is used only through the resolver: a draft pointing elsewhere never receives it.
      try {
        key = (await credentials.resolveCredentials(saved.id, { url: baseUrl, projectId })).apiKey;
      } catch (error) {
        if (error instanceof CredentialRefusal) {
          // No key at all is what the connection test itself reports; any other refusal is the answer.
          if (error.reason !== 'no-secret') return { verdict: 'invalid', message: error.message };
        } else if (error instanceof CallFailure) return { verdict: 'unauthorised', message: error.message };
        else throw error;
      }
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
  }
}
