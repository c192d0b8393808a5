// The targets a batch can be sent to. For now the built-in "Local sandbox", whose key main holds; saved
// profiles with their own keys plug in through the same ProfileService (list, select, resolve).
import type { Profile } from '../contract/channels';
import { CallFailure } from './router';
import type { SandboxManager } from './sandbox-manager';
import type { SettingsStore } from './settings';

export const LOCAL_SANDBOX_ID = 'local-sandbox';

/** A profile with its key, for one send. Lives in main only; never returned by a channel. */
export interface SendTarget {
  readonly profileId: string;
  readonly profileName: string;
  readonly url: string;
  readonly projectId: string;
  readonly apiKey: string;
}

export interface ProfileService {
  list(): Promise<{ profiles: Profile[]; selectedId: string }>;
  select(id: string): Promise<void>;
  resolve(id: string): Promise<SendTarget>;
}

/** `••••` and at most the last 4 characters, only for keys long enough that 4 characters give nothing away. */
export const keyHint = (key: string): string => `••••${key.length >= 12 ? key.slice(-4) : ''}`;

const last4 = (key: string): string | undefined => (key.length >= 12 ? key.slice(-4) : undefined);

export interface BuiltInProfilesOptions {
  readonly sandbox: SandboxManager;
  readonly settings: SettingsStore;
}

export function createBuiltInProfiles(options: BuiltInProfilesOptions): ProfileService {
  const localSandbox = (): Profile => {
    const target = options.sandbox.target();
    const hint = target ? last4(target.pushKey) : undefined;
    return {
      id: LOCAL_SANDBOX_ID,
      name: 'Local sandbox',
      baseUrl: target?.url ?? '',
      projectId: target?.projectId ?? options.sandbox.projectId() ?? '',
      color: '#2e7d32',
      production: false,
      confirmProduction: false,
      builtIn: true,
      key: { set: true, ...(hint ? { last4: hint } : {}), storage: 'built-in' },
    };
  };

  const all = (): Profile[] => [localSandbox()];

  return {
    async list() {
      const profiles = all();
      const { selectedProfileId } = await options.settings.read();
      // A remembered profile that no longer exists falls back to the one that always does.
      const selected = profiles.find((p) => p.id === selectedProfileId);
      return { profiles, selectedId: selected?.id ?? LOCAL_SANDBOX_ID };
    },
    async select(id) {
      if (!all().some((p) => p.id === id)) throw new CallFailure('not-found', 'There is no such target. Pick one from the Target list.');
      await options.settings.update((current) => ({ ...current, selectedProfileId: id }));
    },
    async resolve(id) {
      if (id !== LOCAL_SANDBOX_ID) throw new CallFailure('not-found', 'There is no such target. Pick one from the Target list.');
      const target = options.sandbox.target();
      if (!target) throw new CallFailure('invalid', 'The local sandbox is not running. Restart it from the sandbox panel, then send again.');
      return { profileId: LOCAL_SANDBOX_ID, profileName: 'Local sandbox', url: target.url, projectId: target.projectId, apiKey: target.pushKey };
    },
  };
}
