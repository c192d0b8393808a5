// The one IPC contract between renderer and main: every channel with the zod schema of its input and
// output, and every event main pushes to the renderer. Transports (Electron IPC, the browser host's
// loopback bridge, test bindings) all serve exactly this table.
import { z } from 'zod';
import { channelNameList, eventNameList } from './channel-names';
import { workspaceLoadSchema, workspaceSaveSchema } from './workspace-schema';
import { OUTCOMES_PAGE, STAGE_PIECE_CHARS } from './send-pages';
import { preferencesPatchSchema, preferencesSchema } from './preferences-schema';

export const outcomeSchema = z.enum(['accepted', 'duplicate', 'rejected', 'not-sent', 'unknown', 'imported']);

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
  /** Where bulk imports go (spec §7); the S3 secret shows only as a status, like the API key. */
  bulkImport: z
    .object({
      bucket: z.string(),
      prefix: z.string().optional(),
      region: z.string().optional(),
      endpoint: z.string().optional(),
      accessKeyId: z.string().optional(),
      secret: keyStatusSchema,
    })
    .optional(),
});

/** What a person types to create or edit a profile. Never a key: keys go through `profiles:set-key` only. */
export const profileDraftSchema = z.object({
  name: z.string().max(100),
  baseUrl: z.string().max(2000).optional(),
  projectId: z.string().max(200),
  color: z.string().max(20).optional(),
  production: z.boolean().optional(),
  confirmProduction: z.boolean().optional(),
  /** The bulk import section without its secret (that goes through `profiles:set-s3-secret`); null removes it, absent keeps it. */
  bulkImport: z
    .object({
      bucket: z.string().max(63),
      prefix: z.string().max(900).optional(),
      region: z.string().max(40).optional(),
      endpoint: z.string().max(2000).optional(),
      accessKeyId: z.string().max(128).optional(),
    })
    .nullable()
    .optional(),
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
  /** Every event's outcome, or none when `outcomesPaged`: then `send:outcomes` gives them in pages. */
  outcomes: z.array(eventOutcomeSchema),
  /** How many outcomes the run has, when they are not inline (more than one page). */
  outcomesTotal: z.number().int().nonnegative().optional(),
  outcomesPaged: z.boolean().optional(),
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

/** Opening a file through a dialog may be cancelled; otherwise its path, name and text. */
export const fileOpenSchema = z.discriminatedUnion('cancelled', [
  z.object({ cancelled: z.literal(true) }),
  z.object({ cancelled: z.literal(false), path: z.string(), name: z.string(), text: z.string() }),
]);
export const fileSaveSchema = z.discriminatedUnion('cancelled', [
  z.object({ cancelled: z.literal(true) }),
  z.object({ cancelled: z.literal(false), path: z.string(), name: z.string() }),
]);
export const recentFileSchema = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });
/** Where a run went: never the key (spec: a run's history and exports never contain one). */
export const runTargetSchema = z.object({ name: z.string().optional(), url: z.string(), projectId: z.string() });

export const outcomeCountsSchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  'not-sent': z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative().default(0),
});

/** One run as listed in history (mirrors `batch-studio runs list --json`). */
export const runSummarySchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** False while a send is going or when it was killed before it finished: outcomes are those known so far. */
  complete: z.boolean(),
  target: runTargetSchema,
  /** The tab name or the file the batch came from. */
  source: z.string(),
  /** Events in the batch. */
  events: z.number().int().nonnegative(),
  counts: outcomeCountsSchema,
  durationMs: z.number().nonnegative().optional(),
  cancelled: z.boolean().optional(),
});

/** One run with what only `runs show` needs: its exact batch text and its requests. */
export const runDetailSchema = runSummarySchema.extend({
  batchText: z.string(),
  requests: z.array(requestRecordSchema),
});

export const runChangeSchema = z.object({
  collection: z.string(),
  id: z.union([z.string(), z.number()]).optional(),
  /** Position in run A's (or, for onlyInB, run B's) collection. */
  indexA: z.number().int().nonnegative().optional(),
  indexB: z.number().int().nonnegative().optional(),
  kind: z.enum(['changed', 'onlyInA', 'onlyInB']),
  outcomeA: outcomeSchema.optional(),
  outcomeB: outcomeSchema.optional(),
  messageA: z.string().optional(),
  messageB: z.string().optional(),
});

/** Two runs side by side (mirrors `batch-studio runs compare A B --json`). */
export const runComparisonSchema = z.object({
  a: runSummarySchema,
  b: runSummarySchema,
  summary: z.object({
    same: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    onlyInA: z.number().int().nonnegative(),
    onlyInB: z.number().int().nonnegative(),
  }),
  changes: z.array(runChangeSchema),
});

export const importFormatSchema = z.enum(['ndjson', 'csv', 'json', 'export']);
export const columnTypeSchema = z.enum(['auto', 'string', 'number', 'boolean']);

/** How to turn a file into one collection's events: the import preview and apply take the same options. */
export const importOptionsSchema = z.object({
  text: z.string().max(200_000_000),
  fileName: z.string().max(4096).optional(),
  /** Detected from the text (and the file name) when left out. */
  format: importFormatSchema.optional(),
  collection: z.string().min(1).max(255),
  /** Give events without an `id` a UUID v4, so a resend cannot count them twice. */
  addIds: z.boolean().default(false),
  /** Move every timestamp: by a duration (`-3d`, `PT2H`) or so the latest lands at an ISO time. */
  shift: z
    .union([z.object({ by: z.string().min(1).max(100) }), z.object({ latestAt: z.string().min(1).max(100) })])
    .optional(),
  /** CSV only: column header → type, overriding what the cells look like. */
  columnTypes: z.record(z.string(), columnTypeSchema).optional(),
});

/** A problem in an import file, at a line (and column) as an editor shows them. */
export const importProblemSchema = z.object({
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  message: z.string(),
});

export const importPreviewSchema = z.object({
  format: importFormatSchema,
  /** The first rows as they would be inserted (ids added, timestamps shifted). */
  events: z.array(z.unknown()),
  /** Events that would be inserted. */
  total: z.number().int().nonnegative(),
  problems: z.array(importProblemSchema),
  /** CSV: every column with the type it is read as. */
  columns: z.array(z.object({ name: z.string(), type: columnTypeSchema })).optional(),
});

export const importResultSchema = z.object({
  /** A batch `{collection: [...]}` holding the imported events, ready for an editor tab. */
  eventsText: z.string(),
  count: z.number().int().nonnegative(),
  problems: z.array(importProblemSchema),
});

/** A new batch of a run's failures (spec §9): resendable events kept apart from those to fix first. */
export const resendFailuresSchema = z.object({
  /** not-sent, unknown and retryable-rejected events, ids kept; empty text when there are none. */
  batchText: z.string(),
  batchCount: z.number().int().nonnegative(),
  /** Events the server rejected for a rule: to be fixed in a tab before they are sent again. */
  ruleRejectedText: z.string().optional(),
  ruleRejectedCount: z.number().int().nonnegative(),
  /** Events of `batchText` without an id (collection and index in it): an earlier copy may have been stored. */
  missingIds: z.array(
    z.object({ collection: z.string(), index: z.number().int().nonnegative(), outcome: outcomeSchema }),
  ),
});

export const runExportSchema = z.object({
  /** Says what the file holds: source, target and time, never a UUID. */
  fileName: z.string(),
  text: z.string(),
});

/** Where a bulk import (spec §7) is: per collection, writing, uploading, importing, done; the API's own counts. */
export const bulkProgressSchema = z.object({
  runId: z.string(),
  collection: z.string(),
  collectionIndex: z.number().int().nonnegative(),
  collections: z.number().int().nonnegative(),
  phase: z.enum(['writing', 'uploading', 'importing', 'done']),
  uploadedBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  percent: z.number(),
  imported: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rate: z.number().nonnegative(),
});

/** A finished bulk import: one entry per collection's import, the objects left in the bucket, every event. */
export const bulkReportSchema = z.object({
  runId: z.string(),
  profileName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  cancelled: z.boolean(),
  /** What stopped the run early (an S3 or API error, or the cancel); never a secret. */
  error: z.string().optional(),
  imports: z.array(
    z.object({
      collection: z.string(),
      id: z.string().nullable(),
      status: z.enum(['Pending', 'Running', 'Complete', 'Failed', 'NotStarted']),
      s3Path: z.string(),
      importedEvents: z.number().int().nonnegative(),
      duplicateEvents: z.number().int().nonnegative(),
      error: z.string().optional(),
    }),
  ),
  uploads: z.array(z.object({ s3Path: z.string(), bytes: z.number().int().nonnegative() })),
  outcomes: z.array(eventOutcomeSchema),
});

export const storedCollectionSchema = z.object({ name: z.string(), count: z.number().int().nonnegative() });

export const storedEventsQuerySchema = z.object({
  collection: z.string().min(1).max(255),
  /** The export query of spec §6: `filter` and `timeframe`; checked in main as the sandbox checks it. */
  query: z
    .object({
      filter: z.record(z.string(), z.unknown()).optional(),
      timeframe: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
    })
    .strict()
    .optional(),
  /** How many of the matching events come back (the newest are not preferred: insertion order). */
  limit: z.number().int().positive().max(10_000).optional(),
});

export const storedEventsSchema = z.object({
  events: z.array(z.record(z.string(), z.unknown())),
  /** Matching events, counted up to 10,001: more than an export may return. */
  matched: z.number().int().nonnegative(),
});

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

/** channel → input and output schemas. A channel without both does not compile where the table is served. */
export const channels = {
  'app:info': {
    input: none,
    output: z.object({ version: z.string(), host: z.enum(['electron', 'web']), userDataDir: z.string() }),
  },
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
  'profiles:set-key': {
    input: z.object({ id: z.string(), key: z.string().min(1).max(4096) }),
    output: keyStatusSchema,
  },
  'profiles:clear-key': { input: z.object({ id: z.string() }), output: keyStatusSchema },
  /** A saved profile (`id`), or a draft being edited (with the key typed so far, or the saved profile's key when `id` is given too). */
  'profiles:test': {
    input: z
      .object({ id: z.string().optional(), draft: profileDraftSchema.optional(), key: z.string().max(4096).optional() })
      .refine(
        (input) => input.id !== undefined || input.draft !== undefined,
        'Name a saved profile (id) or give a draft to test.',
      ),
    output: connectionResultSchema,
  },
  'profiles:storage': { input: none, output: keyStorageSchema },
  'profiles:accept-weak-storage': { input: none, output: keyStorageSchema },
  'send:start': {
    input: z
      .object({
        runId: z.string().min(1).max(100),
        profileId: z.string(),
        /** The batch, or (`stagedText`) the id of a text handed over in pieces through `send:stage`. */
        batchText: z.string().optional(),
        stagedText: z.string().min(1).max(100).optional(),
        chunkSize: z.number().int().min(1).max(5000).optional(),
        /** 'valid-only' drops events the linter rejects before sending (they become not-sent). */
        mode: z.enum(['all', 'valid-only']).default('all'),
        /** The user confirmed sending to a production profile; main refuses such a send without it. */
        confirmed: z.boolean().optional(),
        /** What history names the run's source: the tab's name or file. */
        source: z.string().max(1000).optional(),
      })
      .refine(
        (input) => (input.batchText === undefined) !== (input.stagedText === undefined),
        'Give the batch as batchText or as stagedText (a send:stage id), not both.',
      ),
    output: sendReportSchema,
  },
  'send:cancel': { input: z.object({ runId: z.string() }), output: z.object({ cancelled: z.boolean() }) },
  /** The whole body of a request of a recent run ("show all" in the Requests panel); not-found once the run is forgotten. */
  'send:request-body': {
    input: z.object({ runId: z.string().min(1).max(100), request: z.number().int().positive() }),
    output: z.object({ text: z.string() }),
  },
  /** A slice of a recent run's outcomes (its report had `outcomesPaged`); not-found once the run is forgotten. */
  'send:outcomes': {
    input: z.object({
      runId: z.string().min(1).max(100),
      from: z.number().int().nonnegative(),
      count: z.number().int().min(1).max(OUTCOMES_PAGE),
    }),
    output: z.object({ outcomes: z.array(eventOutcomeSchema), total: z.number().int().nonnegative() }),
  },
  /** Appends a piece of a large batch text for a later `send:start {stagedText}`; `chars`: the stage's length so far. */
  'send:stage': {
    input: z.object({
      stageId: z.string().min(1).max(100),
      piece: z.string().max(STAGE_PIECE_CHARS),
    }),
    output: z.object({ chars: z.number().int().nonnegative() }),
  },
  'schemas:list': { input: none, output: schemaListSchema },
  'schemas:save': {
    input: z.object({ collection: z.string().min(1).max(255), text: z.string().max(2_000_000) }),
    output: schemaListSchema,
  },
  'schemas:delete': { input: z.object({ collection: z.string().min(1).max(255) }), output: schemaListSchema },
  /** A folder of `<collection>.schema.json` files to use; null: the schemas edited in the app. */
  'schemas:set-folder': {
    input: z.object({ folder: z.string().min(1).max(4096).nullable() }),
    output: schemaListSchema,
  },
  'schemas:set-enforce': { input: z.object({ enforce: z.boolean() }), output: schemaListSchema },
  // Write-only, like the API key: the S3 secret goes in, only its status comes out.
  'profiles:set-s3-secret': {
    input: z.object({ id: z.string(), secret: z.string().min(1).max(4096) }),
    output: keyStatusSchema,
  },
  'profiles:clear-s3-secret': { input: z.object({ id: z.string() }), output: keyStatusSchema },
  /** Electron: main shows its folder dialog; the renderer never names the path. */
  'schemas:choose-folder': { input: none, output: schemaListSchema },
  /** The tabs kept from the last session (text, name, path, dirty state, which was active). */
  'workspace:load': { input: none, output: workspaceLoadSchema },
  /** Keeps the open tabs; a tab's text may be left out when it did not change since the last save. */
  'workspace:save': { input: workspaceSaveSchema, output: z.object({ savedAt: z.string() }) },
  /** A batch file: through the native dialog, or a recent file's path (only paths a dialog gave before). */
  'files:open': { input: z.object({ path: z.string().max(4096).optional() }), output: fileOpenSchema },
  /** Writes a batch file: to its path, or where the native dialog says (always with `saveAs`). */
  'files:save': {
    input: z.object({
      text: z.string(),
      path: z.string().max(4096).optional(),
      suggestedName: z.string().max(255),
      saveAs: z.boolean().optional(),
    }),
    output: fileSaveSchema,
  },
  'files:recent': { input: none, output: z.object({ files: z.array(recentFileSchema) }) },
  'runs:list': {
    input: z.object({
      /** Matches an event id, a collection or a message of the run. */
      search: z.string().max(1000).optional(),
      /** Matches the target's name, URL or project id. */
      target: z.string().max(2000).optional(),
      /** Runs with at least one event of this outcome. */
      outcome: outcomeSchema.optional(),
    }),
    output: z.object({ runs: z.array(runSummarySchema) }),
  },
  'runs:show': {
    input: z.object({ id: z.string().min(1).max(100) }),
    output: z.object({ run: runDetailSchema, outcomes: z.array(eventOutcomeSchema) }),
  },
  'runs:compare': {
    input: z.object({ a: z.string().min(1).max(100), b: z.string().min(1).max(100) }),
    output: runComparisonSchema,
  },
  'runs:delete': { input: z.object({ id: z.string().min(1).max(100) }), output: ok },
  'runs:clear': { input: none, output: z.object({ deleted: z.number().int().nonnegative() }) },
  'runs:export': {
    input: z.object({ id: z.string().min(1).max(100), format: z.enum(['csv', 'json', 'junit', 'failed-batch']) }),
    output: runExportSchema,
  },
  'runs:resend-failures': {
    input: z.object({
      id: z.string().min(1).max(100),
      /** Give the resendable events without an id a UUID v4 (the user accepted that an earlier copy may be stored). */
      addIds: z.boolean().default(false),
    }),
    output: resendFailuresSchema,
  },
  'import:preview': {
    input: importOptionsSchema.extend({ rows: z.number().int().min(1).max(1000).default(50) }),
    output: importPreviewSchema,
  },
  'import:apply': { input: importOptionsSchema, output: importResultSchema },
  /** Sends the batch through the bulk import of the profile's API, with its bulk import section and S3 secret (main only). */
  'bulk:start': {
    input: z.object({
      runId: z.string().min(1).max(100),
      profileId: z.string(),
      batchText: z.string(),
      confirmed: z.boolean().optional(),
    }),
    output: bulkReportSchema,
  },
  'bulk:cancel': { input: z.object({ runId: z.string() }), output: z.object({ cancelled: z.boolean() }) },
  /** Deletes the objects a finished bulk run uploaded (only those: main keeps the list). */
  'bulk:delete-uploads': {
    input: z.object({ runId: z.string() }),
    output: z.object({
      deleted: z.array(z.string()),
      failed: z.array(z.object({ s3Path: z.string(), message: z.string() })),
    }),
  },
  /** What the local sandbox stored: its collections with their counts. */
  'sandbox:collections': { input: none, output: z.object({ collections: z.array(storedCollectionSchema) }) },
  /** The local sandbox's export (spec §6: filter, timeframe) read in main, so no sandbox key reaches the renderer. */
  'sandbox:export': { input: storedEventsQuerySchema, output: storedEventsSchema },
  /** A test run's own sandbox: `on` starts a fresh temporary one the Local sandbox target uses until `off`. */
  'sandbox:use-temporary': { input: z.object({ on: z.boolean() }), output: z.object({ temporary: z.boolean() }) },
  /** The preferences in effect (defaults for what was never set). */
  'settings:get': { input: none, output: preferencesSchema },
  /** Changes the named preferences; history is pruned at once when its limits went down. */
  'settings:update': { input: preferencesPatchSchema, output: preferencesSchema },
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>;

/** What the native menu asks the renderer to do (zoom and DevTools are handled by main itself). */
export const menuCommandSchema = z.object({
  command: z.enum([
    'new',
    'open',
    'save',
    'send',
    'format',
    'find',
    'save-as',
    'close',
    'import',
    'history',
    'preferences',
  ]),
});

/** Events main pushes to the renderer. */
export const events = {
  'send:progress': sendProgressSchema,
  'sandbox:status': sandboxStatusSchema,
  'menu:command': menuCommandSchema,
  'bulk:progress': bulkProgressSchema,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames: readonly Channel[] = channelNameList;
/** @public The event table's names, as the preload lists them (checked by the compiler here). */
export const eventNames: readonly EventName[] = eventNameList;

// The preload's plain name lists must be exactly these tables' keys: a missing or extra name fails here.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListMatches: SameSet<(typeof channelNameList)[number], Channel> = true;
const eventListMatches: SameSet<(typeof eventNameList)[number], EventName> = true;
void channelListMatches;
void eventListMatches;

/** Error codes a call can fail with; messages are for people, never stack traces or secrets. */
export type ErrorCode =
  'unknown-channel' | 'forbidden-sender' | 'bad-input' | 'not-found' | 'invalid' | 'failed' | 'cancelled';

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
export type BulkReport = z.output<typeof bulkReportSchema>;
export type BulkProgressEvent = z.output<typeof bulkProgressSchema>;
export type SandboxStatus = z.output<typeof sandboxStatusSchema>;
export type SchemaListOutput = z.output<typeof schemaListSchema>;
export type MenuCommand = z.output<typeof menuCommandSchema>['command'];
export type RecentFile = z.output<typeof recentFileSchema>;
export type RunSummary = z.output<typeof runSummarySchema>;
export type RunDetail = z.output<typeof runDetailSchema>;
export type RunComparison = z.output<typeof runComparisonSchema>;
export type ColumnType = z.output<typeof columnTypeSchema>;
export type ImportOptions = z.output<typeof importOptionsSchema>;
export type ImportPreview = z.output<typeof importPreviewSchema>;
export type ImportResult = z.output<typeof importResultSchema>;
export type ResendFailures = z.output<typeof resendFailuresSchema>;
export type RunExport = z.output<typeof runExportSchema>;
