// Profiles (targets) without their keys: a versioned, validated file in the user-data folder, written
// atomically through the JSON store; a damaged file is kept aside with a message, never silently replaced.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkBaseUrl } from '../contract/base-url';
import { createJsonStore } from '../node/json-store';

export const LOCAL_SANDBOX_ID = 'local-sandbox';
export const DEFAULT_BASE_URL = 'https://api.getconnect.io';

/** Where a profile's bulk imports are uploaded (spec §7); the S3 secret lives in the key store, never here. */
const bulkImportSchema = z.object({
  bucket: z.string(),
  prefix: z.string().optional(),
  region: z.string().optional(),
  endpoint: z.string().optional(),
  accessKeyId: z.string().optional(),
});
export type BulkImportSettings = z.infer<typeof bulkImportSchema>;

const storedProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(100),
  baseUrl: z.string(),
  projectId: z.string(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  production: z.boolean(),
  confirmProduction: z.boolean(),
  bulkImport: bulkImportSchema.optional(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

/** The selection moved to settings.json; `selectedId` is still read from older files, to be migrated. */
const fileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(storedProfileSchema),
  selectedId: z.string().optional(),
});
type ProfileFile = z.infer<typeof fileSchema>;

// S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending alphanumeric.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// eslint-disable-next-line no-control-regex -- control characters never belong in these fields
const CONTROL = /[\u0000-\u001f\u007f]/;

const bulkImportDraftSchema = z.object({
  bucket: z
    .string()
    .trim()
    .regex(BUCKET, 'The S3 bucket name must be 3 to 63 lowercase letters, digits, dots or hyphens.'),
  prefix: z
    .string()
    .trim()
    .max(900)
    .refine((v) => !CONTROL.test(v), 'The S3 key prefix must be one line of text.')
    .optional(),
  region: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{0,40}$/, 'The S3 region looks like eu-west-1.')
    .optional(),
  endpoint: z.string().trim().max(2000).optional(),
  accessKeyId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9+/=_-]{0,128}$/, 'The S3 access key id is letters and digits only.')
    .optional(),
});

export const profileDraftSchema = z.object({
  name: z.string().trim().min(1, 'Give the profile a name.').max(100),
  baseUrl: z.string().default(DEFAULT_BASE_URL),
  projectId: z.string().trim().min(1, 'The project id is required.'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'The colour must look like #1e88e5.')
    .default('#1e88e5'),
  production: z.boolean().default(false),
  confirmProduction: z.boolean().default(true),
  bulkImport: bulkImportDraftSchema.nullable().optional(),
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
  list(): Promise<{ profiles: readonly StoredProfile[]; legacySelectedId?: string }>;
  get(id: string): Promise<StoredProfile | undefined>;
  create(draft: ProfileDraft): Promise<StoredProfile>;
  update(id: string, draft: ProfileDraft): Promise<StoredProfile>;
  duplicate(id: string): Promise<StoredProfile>;
  remove(id: string): Promise<void>;
  problems(): readonly string[];
}

export interface ProfileStoreOptions {
  readonly path: string;
  /** The built-in "Local sandbox" profile, rebuilt at each start from the embedded sandbox. */
  readonly localSandbox: () => StoredProfile;
  readonly now?: () => Date;
}

/** The bulk import section as stored: empty optional fields left out, the endpoint normalised. */
function parseBulkImport(
  draft: z.output<typeof bulkImportDraftSchema> | null | undefined,
): BulkImportSettings | undefined {
  if (!draft) return undefined;
  const section: { -readonly [K in keyof BulkImportSettings]: BulkImportSettings[K] } = { bucket: draft.bucket };
  if (draft.prefix) section.prefix = draft.prefix;
  if (draft.region) section.region = draft.region;
  if (draft.accessKeyId) section.accessKeyId = draft.accessKeyId;
  if (draft.endpoint) {
    const url = checkBaseUrl(draft.endpoint);
    if (!url.ok) throw new ProfileError('invalid', `S3 endpoint: ${url.reason}`);
    section.endpoint = url.url;
  }
  return section;
}

export function createProfileStore(options: ProfileStoreOptions): ProfileStore {
  const file = createJsonStore({
    path: options.path,
    schema: fileSchema,
    initial: { version: 1, profiles: [] },
    ...(options.now ? { now: options.now } : {}),
    damaged: (keptAs) =>
      `The profiles file was damaged and has been kept aside as ${keptAs}; starting with the Local sandbox only.`,
  });

  const parseDraft = (draft: ProfileDraft, current: ProfileFile, id: string): StoredProfile => {
    const parsed = profileDraftSchema.safeParse(draft);
    if (!parsed.success) throw new ProfileError('invalid', parsed.error.issues.map((i) => i.message).join(' '));
    const url = checkBaseUrl(parsed.data.baseUrl);
    if (!url.ok) throw new ProfileError('invalid', url.reason);
    const clash = [options.localSandbox(), ...current.profiles].find(
      (p) => p.id !== id && p.name.toLowerCase() === parsed.data.name.toLowerCase(),
    );
    if (clash) throw new ProfileError('invalid', `A profile named "${clash.name}" already exists.`);
    const { bulkImport, ...rest } = parsed.data;
    const section = parseBulkImport(bulkImport);
    return { ...rest, baseUrl: url.url, id, ...(section ? { bulkImport: section } : {}) };
  };

  const refuseBuiltIn = (id: string, action: string) => {
    if (id === LOCAL_SANDBOX_ID)
      throw new ProfileError('invalid', `The Local sandbox profile is built in and cannot be ${action}.`);
  };

  const must = (current: ProfileFile, id: string): StoredProfile => {
    const found = current.profiles.find((p) => p.id === id);
    if (!found) throw new ProfileError('not-found', `There is no profile with id ${id}.`);
    return found;
  };

  // Every write drops the old selection field: settings.json holds it from then on.
  const withProfiles = (profiles: readonly StoredProfile[]): ProfileFile => ({ version: 1, profiles: [...profiles] });

  return {
    async list() {
      const current = await file.read();
      return {
        profiles: [options.localSandbox(), ...current.profiles],
        ...(current.selectedId ? { legacySelectedId: current.selectedId } : {}),
      };
    },
    async get(id) {
      return (await this.list()).profiles.find((p) => p.id === id);
    },
    create(draft) {
      return file.transact((current) => {
        const profile = parseDraft(draft, current, randomUUID());
        return { next: withProfiles([...current.profiles, profile]), result: profile };
      });
    },
    async update(id, draft) {
      refuseBuiltIn(id, 'edited');
      return file.transact((current) => {
        const previous = must(current, id);
        const parsed = parseDraft(draft, current, id);
        // A draft without the bulk import field (an older form, the CLI's other flags) keeps the section; null removes it.
        const profile =
          draft.bulkImport === undefined && previous.bulkImport
            ? { ...parsed, bulkImport: previous.bulkImport }
            : parsed;
        return { next: withProfiles(current.profiles.map((p) => (p.id === id ? profile : p))), result: profile };
      });
    },
    duplicate(id) {
      return file.transact((current) => {
        const source = id === LOCAL_SANDBOX_ID ? options.localSandbox() : must(current, id);
        const taken = new Set([options.localSandbox(), ...current.profiles].map((p) => p.name.toLowerCase()));
        let name = `${source.name} copy`;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${source.name} copy ${n}`;
        const copy = { ...source, id: randomUUID(), name };
        return { next: withProfiles([...current.profiles, copy]), result: copy };
      });
    },
    async remove(id) {
      refuseBuiltIn(id, 'deleted');
      await file.update((current) => {
        must(current, id);
        return withProfiles(current.profiles.filter((p) => p.id !== id));
      });
    },
    problems: () => file.problems(),
  };
}
