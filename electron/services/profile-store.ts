// Profiles (targets) without their keys: a versioned, validated file in the user-data folder, written
// atomically; a damaged file is kept aside with a message, never silently replaced.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkBaseUrl } from '../contract/base-url';
import { writeFileAtomic } from './atomic-file';
import { readJsonFile } from './json-file';

export const LOCAL_SANDBOX_ID = 'local-sandbox';
export const DEFAULT_BASE_URL = 'https://api.getconnect.io';

const storedProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(100),
  baseUrl: z.string(),
  projectId: z.string(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  production: z.boolean(),
  confirmProduction: z.boolean(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

const fileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(storedProfileSchema),
  selectedId: z.string(),
});
type ProfileFile = z.infer<typeof fileSchema>;

export const profileDraftSchema = z.object({
  name: z.string().trim().min(1, 'Give the profile a name.').max(100),
  baseUrl: z.string().default(DEFAULT_BASE_URL),
  projectId: z.string().trim().min(1, 'The project id is required.'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'The colour must look like #1e88e5.').default('#1e88e5'),
  production: z.boolean().default(false),
  confirmProduction: z.boolean().default(true),
});
export type ProfileDraft = z.input<typeof profileDraftSchema>;

export class ProfileError extends Error {
  constructor(
    readonly code: 'invalid' | 'not-found',
    message: string,
  ) {
    super(message);
  }
}

export interface ProfileStore {
  list(): Promise<{ profiles: readonly StoredProfile[]; selectedId: string }>;
  get(id: string): Promise<StoredProfile | undefined>;
  findByName(name: string): Promise<StoredProfile | undefined>;
  create(draft: ProfileDraft): Promise<StoredProfile>;
  update(id: string, draft: ProfileDraft): Promise<StoredProfile>;
  duplicate(id: string): Promise<StoredProfile>;
  remove(id: string): Promise<void>;
  select(id: string): Promise<void>;
  problems(): readonly string[];
}

export interface ProfileStoreOptions {
  readonly path: string;
  /** The built-in "Local sandbox" profile, rebuilt at each start from the embedded sandbox. */
  readonly localSandbox: () => StoredProfile;
  readonly now?: () => Date;
}

export function createProfileStore(options: ProfileStoreOptions): ProfileStore {
  const now = options.now ?? (() => new Date());
  const problems: string[] = [];
  let loaded: Promise<ProfileFile> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const load = (): Promise<ProfileFile> => {
    loaded ??= (async () => {
      const read = await readJsonFile(options.path, fileSchema, now);
      if (read.status === 'ok') return read.value;
      if (read.status === 'damaged') {
        problems.push(`The profiles file was damaged and has been kept aside as ${read.keptAs}; starting with the Local sandbox only.`);
      }
      return { version: 1, profiles: [], selectedId: LOCAL_SANDBOX_ID };
    })();
    return loaded;
  };

  const mutate = <T>(change: (file: ProfileFile) => T): Promise<T> => {
    const run = queue.then(async () => {
      const file = await load();
      const result = change(file);
      await writeFileAtomic(options.path, JSON.stringify(file, null, 2) + '\n');
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const parseDraft = (draft: ProfileDraft, file: ProfileFile, id: string) => {
    const parsed = profileDraftSchema.safeParse(draft);
    if (!parsed.success) throw new ProfileError('invalid', parsed.error.issues.map((i) => i.message).join(' '));
    const url = checkBaseUrl(parsed.data.baseUrl);
    if (!url.ok) throw new ProfileError('invalid', url.reason);
    const clash = [options.localSandbox(), ...file.profiles].find(
      (p) => p.id !== id && p.name.toLowerCase() === parsed.data.name.toLowerCase(),
    );
    if (clash) throw new ProfileError('invalid', `A profile named "${clash.name}" already exists.`);
    return { ...parsed.data, baseUrl: url.url, id };
  };

  const refuseBuiltIn = (id: string, action: string) => {
    if (id === LOCAL_SANDBOX_ID) throw new ProfileError('invalid', `The Local sandbox profile is built in and cannot be ${action}.`);
  };

  const must = (file: ProfileFile, id: string): StoredProfile => {
    const found = file.profiles.find((p) => p.id === id);
    if (!found) throw new ProfileError('not-found', `There is no profile with id ${id}.`);
    return found;
  };

  return {
    async list() {
      await queue;
      const file = await load();
      const profiles = [options.localSandbox(), ...file.profiles];
      const selectedId = profiles.some((p) => p.id === file.selectedId) ? file.selectedId : LOCAL_SANDBOX_ID;
      return { profiles, selectedId };
    },
    async get(id) {
      return (await this.list()).profiles.find((p) => p.id === id);
    },
    async findByName(name) {
      return (await this.list()).profiles.find((p) => p.name.toLowerCase() === name.toLowerCase());
    },
    create(draft) {
      return mutate((file) => {
        const profile = parseDraft(draft, file, randomUUID());
        file.profiles.push(profile);
        return profile;
      });
    },
    async update(id, draft) {
      refuseBuiltIn(id, 'edited');
      return mutate((file) => {
        const index = file.profiles.indexOf(must(file, id));
        const profile = parseDraft(draft, file, id);
        file.profiles[index] = profile;
        return profile;
      });
    },
    duplicate(id) {
      return mutate((file) => {
        const source = id === LOCAL_SANDBOX_ID ? options.localSandbox() : must(file, id);
        const taken = new Set([options.localSandbox(), ...file.profiles].map((p) => p.name.toLowerCase()));
        let name = `${source.name} copy`;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${source.name} copy ${n}`;
        const copy = { ...source, id: randomUUID(), name };
        file.profiles.push(copy);
        return copy;
      });
    },
    async remove(id) {
      refuseBuiltIn(id, 'deleted');
      return mutate((file) => {
        must(file, id);
        file.profiles = file.profiles.filter((p) => p.id !== id);
        if (file.selectedId === id) file.selectedId = LOCAL_SANDBOX_ID;
      });
    },
    select(id) {
      return mutate((file) => {
        if (id !== LOCAL_SANDBOX_ID) must(file, id);
        file.selectedId = id;
      });
    },
    problems: () => [...problems],
  };
}
