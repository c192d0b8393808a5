// The one IPC contract between renderer and main: every channel with the zod schema of its input and
// output, and every event main pushes to the renderer. Transports (Electron IPC, the browser host's
// loopback bridge, test bindings) all serve exactly this table.
import { z } from 'zod';
import { channelNameList, eventNameList } from './channel-names';

export const outcomeSchema = z.enum(['accepted', 'duplicate', 'rejected', 'not-sent', 'unknown']);

export const eventOutcomeSchema = z.object({
  collection: z.string(),
  index: z.number().int().nonnegative(),
  id: z.union([z.string(), z.number()]).optional(),
  outcome: outcomeSchema,
  message: z.string().optional(),
  request: z.number().int().positive().optional(),
  retryable: z.boolean().optional(),
});

export const keyStatusSchema = z.object({
  set: z.boolean(),
  /** At most the last 4 characters of the key, never more. */
  last4: z.string().max(4).optional(),
  changedAt: z.string().optional(),
  /** Where the key lives: 'keychain' (OS-encrypted), 'file' (0600 file, weaker), 'env', 'built-in'. */
  storage: z.enum(['keychain', 'file', 'env', 'built-in']).optional(),
  /** Why a saved key cannot be used (it cannot be decrypted any more, say); the renderer shows it on the profile. */
  problem: z.string().optional(),
});

export const profileSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  projectId: z.string(),
  color: z.string(),
  production: z.boolean(),
  confirmProduction: z.boolean(),
  builtIn: z.boolean(),
  key: keyStatusSchema,
});

/** What a person types to create or edit a profile. Never a key: keys go through `profiles:set-key` only. */
export const profileDraftSchema = z.object({
  name: z.string().max(100),
  baseUrl: z.string().max(2000).optional(),
  projectId: z.string().max(200),
  color: z.string().max(20).optional(),
  production: z.boolean().optional(),
  confirmProduction: z.boolean().optional(),
});

/** How keys are protected at rest on this host, and whether the user accepted a weaker protection. */
export const keyStorageSchema = z.object({
  /** 'keychain': encrypted by the OS keychain; 'file': a file only this user can read (no real keychain). */
  protection: z.enum(['keychain', 'file']),
  /** The keychain backend when the OS names it (Linux: gnome_libsecret, kwallet, basic_text, ...). */
  backend: z.string().optional(),
  /** Said plainly whenever keys are not protected by a real keychain. */
  warning: z.string().optional(),
  /** Keys are stored only when protection is 'keychain' or the user accepted the weaker one. */
  accepted: z.boolean(),
});

export const connectionResultSchema = z.object({
  verdict: z.enum(['ok', 'unauthorised', 'forbidden', 'unreachable', 'not-connect', 'invalid']),
  message: z.string(),
  status: z.number().int().optional(),
  durationMs: z.number().nonnegative().optional(),
});

export const sandboxStatusSchema = z.object({
  state: z.enum(['starting', 'running', 'stopped', 'error']),
  url: z.string().optional(),
  projectId: z.string().optional(),
  eventCount: z.number().int().nonnegative(),
  message: z.string().optional(),
});

export const requestRecordSchema = z.object({
  /** 1-based chunk number. */
  request: z.number().int().positive(),
  eventCount: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  status: z.number().int().optional(),
  durationMs: z.number().nonnegative().optional(),
  /** The raw response body text (possibly truncated), or why there was none. */
  responseText: z.string(),
  error: z.string().optional(),
});

/** One attempt of one request, as the Requests panel shows it. The key appears only as `••••` plus its last 4 characters. */
export const requestAttemptSchema = z.object({
  /** 1-based request number (the chunk, or a follow-up resend). */
  request: z.number().int().positive(),
  /** 1-based attempt of that request. */
  attempt: z.number().int().positive(),
  method: z.string(),
  url: z.string(),
  /** The headers sent, X-Api-Key masked. */
  headers: z.record(z.string(), z.string()),
  /** The first 65,536 bytes of the body (whole characters); `send:request-body` gives all of it. */
  bodyPreview: z.string(),
  bodyBytes: z.number().int().nonnegative(),
  status: z.number().int().optional(),
  /** ISO time the attempt started. */
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  /** The raw answer, first 64 KB. */
  response: z.string().optional(),
  /** Why there was no (good) answer. */
  error: z.string().optional(),
});

export const sendReportSchema = z.object({
  runId: z.string(),
  target: z.object({
    profileId: z.string(),
    profileName: z.string(),
    url: z.string(),
    projectId: z.string(),
    /** `••••` plus at most the last 4 characters of the key. */
    keyHint: z.string(),
  }),
  startedAt: z.string(),
  finishedAt: z.string(),
  cancelled: z.boolean(),
  collections: z.array(z.object({ name: z.string(), events: z.number().int().nonnegative() })),
  requests: z.array(requestRecordSchema),
  outcomes: z.array(eventOutcomeSchema),
  /** Every attempt of every request, in the order they started (reports saved before attempts were kept have none). */
  attempts: z.array(requestAttemptSchema).default([]),
});

export const sendProgressSchema = z.object({
  runId: z.string(),
  requestsDone: z.number().int().nonnegative(),
  requestsTotal: z.number().int().nonnegative(),
  eventsDone: z.number().int().nonnegative(),
  eventsTotal: z.number().int().nonnegative(),
});

/** The collection schemas the editor lints with (schemas are not secrets: their text crosses as is). */
export const schemaListSchema = z.object({
  source: z.enum(['app', 'folder']),
  folder: z.string(),
  schemas: z.array(z.object({ collection: z.string(), text: z.string(), file: z.string() })),
  /** Schema files that cannot be used, with the reason; the others still apply. */
  problems: z.array(z.object({ path: z.string(), reason: z.string() })),
  /** The embedded sandbox rejects events that break their collection's schema. */
  enforce: z.boolean(),
});

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

/** channel → input and output schemas. A channel without both does not compile where the table is served. */
export const channels = {
  'app:info': { input: none, output: z.object({ version: z.string(), host: z.enum(['electron', 'web']), userDataDir: z.string() }) },
  'sandbox:status': { input: none, output: sandboxStatusSchema },
  'sandbox:restart': { input: none, output: sandboxStatusSchema },
  'sandbox:reset': { input: none, output: sandboxStatusSchema },
  'profiles:list': {
    input: none,
    output: z.object({
      profiles: z.array(profileSchema),
      selectedId: z.string(),
      /** Damaged profile or key files kept aside, said once to the user. */
      problems: z.array(z.string()).optional(),
    }),
  },
  'profiles:select': { input: z.object({ id: z.string() }), output: ok },
  'profiles:create': { input: z.object({ draft: profileDraftSchema }), output: profileSchema },
  'profiles:update': { input: z.object({ id: z.string(), draft: profileDraftSchema }), output: profileSchema },
  'profiles:duplicate': { input: z.object({ id: z.string() }), output: profileSchema },
  'profiles:delete': { input: z.object({ id: z.string() }), output: ok },
  /** Write-only: the key goes in, only its status comes back. */
  'profiles:set-key': { input: z.object({ id: z.string(), key: z.string().min(1).max(4096) }), output: keyStatusSchema },
  'profiles:clear-key': { input: z.object({ id: z.string() }), output: keyStatusSchema },
  /** A saved profile (`id`), or a draft being edited (with the key typed so far, or the saved profile's key when `id` is given too). */
  'profiles:test': {
    input: z
      .object({ id: z.string().optional(), draft: profileDraftSchema.optional(), key: z.string().max(4096).optional() })
      .refine((input) => input.id !== undefined || input.draft !== undefined, 'Name a saved profile (id) or give a draft to test.'),
    output: connectionResultSchema,
  },
  'profiles:storage': { input: none, output: keyStorageSchema },
  'profiles:accept-weak-storage': { input: none, output: keyStorageSchema },
  'send:start': {
    input: z.object({
      runId: z.string().min(1).max(100),
      profileId: z.string(),
      batchText: z.string(),
      chunkSize: z.number().int().min(1).max(5000).optional(),
      /** 'valid-only' drops events the linter rejects before sending (they become not-sent). */
      mode: z.enum(['all', 'valid-only']).default('all'),
      /** The user confirmed sending to a production profile; main refuses such a send without it. */
      confirmed: z.boolean().optional(),
    }),
    output: sendReportSchema,
  },
  'send:cancel': { input: z.object({ runId: z.string() }), output: z.object({ cancelled: z.boolean() }) },
  /** The whole body of a request of a recent run ("show all" in the Requests panel); not-found once the run is forgotten. */
  'send:request-body': { input: z.object({ runId: z.string().min(1).max(100), request: z.number().int().positive() }), output: z.object({ text: z.string() }) },
  'schemas:list': { input: none, output: schemaListSchema },
  'schemas:save': { input: z.object({ collection: z.string().min(1).max(255), text: z.string().max(2_000_000) }), output: schemaListSchema },
  'schemas:delete': { input: z.object({ collection: z.string().min(1).max(255) }), output: schemaListSchema },
  /** A folder of `<collection>.schema.json` files to use; null: the schemas edited in the app. */
  'schemas:set-folder': { input: z.object({ folder: z.string().min(1).max(4096).nullable() }), output: schemaListSchema },
  'schemas:set-enforce': { input: z.object({ enforce: z.boolean() }), output: schemaListSchema },
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>;

/** What the native menu asks the renderer to do (zoom and DevTools are handled by main itself). */
export const menuCommandSchema = z.object({ command: z.enum(['new', 'open', 'save', 'send', 'format', 'find']) });

/** Events main pushes to the renderer. */
export const events = {
  'send:progress': sendProgressSchema,
  'sandbox:status': sandboxStatusSchema,
  'menu:command': menuCommandSchema,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames: readonly Channel[] = channelNameList;
export const eventNames: readonly EventName[] = eventNameList;

// The preload's plain name lists must be exactly these tables' keys: a missing or extra name fails here.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListMatches: SameSet<(typeof channelNameList)[number], Channel> = true;
const eventListMatches: SameSet<(typeof eventNameList)[number], EventName> = true;
void channelListMatches;
void eventListMatches;

/** Error codes a call can fail with; messages are for people, never stack traces or secrets. */
export type ErrorCode = 'unknown-channel' | 'forbidden-sender' | 'bad-input' | 'not-found' | 'invalid' | 'failed' | 'cancelled';

export interface CallError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: CallError };

export type Profile = z.output<typeof profileSchema>;
export type ProfileDraftInput = z.output<typeof profileDraftSchema>;
export type KeyStatusOutput = z.output<typeof keyStatusSchema>;
export type KeyStorage = z.output<typeof keyStorageSchema>;
export type ConnectionResultOutput = z.output<typeof connectionResultSchema>;
export type SendReport = z.output<typeof sendReportSchema>;
export type SendProgress = z.output<typeof sendProgressSchema>;
export type RequestAttempt = z.output<typeof requestAttemptSchema>;
export type SandboxStatus = z.output<typeof sandboxStatusSchema>;
export type SchemaListOutput = z.output<typeof schemaListSchema>;
export type MenuCommand = z.output<typeof menuCommandSchema>['command'];
