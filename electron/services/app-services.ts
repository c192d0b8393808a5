// The composition of every service behind the IPC contract: one handler per channel, the same for the
// Electron shell and the browser host. Effects enter through ports; events leave through `emit`.
import { lintBatch } from '../../core/rules/lint';
import type { EventName, EventPayload } from '../contract/channels';
import { startSandbox } from '../sandbox/server';
import { createProfileService, type ProfileService } from './profiles';
import type { NativeDialogs } from './native-dialogs';
import { CallFailure, type Handlers } from '../contract/handlers';
import { createSandboxManager, type SandboxManager, type StartSandbox } from './sandbox-manager';
import { createSchemaService } from './schema-service';
import { createSendService, type LintPort, type SendBatchPort } from './send-service';
import type { Cipher } from './secret-store';
import { sendBatch } from './sender';
import { createPreferences } from './preferences';
import { createSettingsStore, settingsPath, type SettingsStore } from './settings';
import { createHistoryStore, historyDir, type HistoryLimits } from './history/history-store';
import { createHistoryService } from './history/history-service';
import { createImportRunner } from './history/import-runner';
import { newRunId } from './history/run-id';
import { createFileService, type FileDialogs } from './workspace/file-service';
import { createWorkspaceStore } from './workspace/workspace-store';

import { createBulkService } from './bulk-import/bulk-service';

/** Events the Stored events view shows at once; the count says how many more match. */
const DEFAULT_STORED_EVENTS = 500;

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface AppServicesOptions {
  readonly userDataDir: string;
  readonly host: 'electron' | 'web';
  readonly version: string;
  readonly emit: Emit;
  /** Slow sandbox answers (ms), to try cancelling a send. */
  readonly sandboxLatencyMs?: number;
  /** Ports, replaceable where a test or a later feature needs another implementation. */
  readonly startSandbox?: StartSandbox;
  readonly send?: SendBatchPort;
  readonly lint?: LintPort;
  /** How saved API keys are encrypted at rest: Electron's safeStorage in the app; a 0600 file by default. */
  readonly keyCipher?: Cipher;
  /** Where `BATCH_STUDIO_KEY_<PROFILE>` key overrides are read (default: this process's environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Electron's native dialogs: consent to weak key storage and the schema folder are then decided in main. */
  readonly dialogs?: NativeDialogs;
  /** How many runs and bytes history keeps, over what the Preferences dialog says. */
  readonly historyLimits?: HistoryLimits;
  /** Replaces the profile service (saved profiles and their keys in the user-data folder). */
  readonly profiles?: (deps: {
    userDataDir: string;
    sandbox: SandboxManager;
    settings: SettingsStore;
  }) => ProfileService;
  /** Native open and save dialogs (Electron); the browser host has none and uses the browser's own. */
  readonly fileDialogs?: FileDialogs;
  /** The bundled import worker next to the host's bundle; without it imports are read in-process. */
  readonly importWorker?: string | URL;
  /** The bundled prepare worker next to the host's bundle; without it batches are checked in-process. */
  readonly prepareWorker?: string | URL;
}

export interface AppServices {
  readonly handlers: Handlers;
  readonly sandbox: SandboxManager;
  /** Every key value main holds, for scrubbing messages. */
  secrets(): string[];
  /** Starts the embedded sandbox; resolves once it runs (or failed, which its status then says). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const settings = createSettingsStore(settingsPath(options.userDataDir));
  const schemas = createSchemaService({ userDataDir: options.userDataDir });
  const sandbox = createSandboxManager({
    userDataDir: options.userDataDir,
    // Each sandbox it starts enforces the collection schemas while the user's switch is on.
    start: schemas.wrapStart(options.startSandbox ?? startSandbox),
    emit: (status) => options.emit('sandbox:status', status),
    ...(options.sandboxLatencyMs ? { latencyMs: options.sandboxLatencyMs } : {}),
  });
  const profiles =
    options.profiles?.({ userDataDir: options.userDataDir, sandbox, settings }) ??
    createProfileService({
      userDataDir: options.userDataDir,
      sandbox,
      settings,
      env: options.env ?? process.env,
      ...(options.keyCipher ? { cipher: options.keyCipher } : {}),
      ...(options.dialogs
        ? { confirmWeakStorage: (warning: string) => (options.dialogs as NativeDialogs).confirmWeakKeyStorage(warning) }
        : {}),
    });
  const dialogs = options.dialogs;
  const preferences = createPreferences(settings);
  const runs = createHistoryStore({
    dir: historyDir(options.userDataDir),
    newRunId,
    limits: () => preferences.historyLimits(),
    ...options.historyLimits,
  });
  const history = createHistoryService(runs);
  const imports = createImportRunner(options.importWorker !== undefined ? { script: options.importWorker } : {});
  const sends = createSendService({
    history: runs,
    profiles,
    lint: options.lint ?? lintBatch,
    send: options.send ?? sendBatch,
    emitProgress: (progress) => options.emit('send:progress', progress),
    onRunEnd: () => void sandbox.refresh(),
    secrets: () => [...sandbox.secrets(), ...profiles.secrets()],
    ...(options.prepareWorker !== undefined ? { prepareWorker: options.prepareWorker } : {}),
  });

  const workspace = createWorkspaceStore({ userDataDir: options.userDataDir });
  const files = createFileService({
    userDataDir: options.userDataDir,
    ...(options.fileDialogs ? { dialogs: options.fileDialogs } : {}),
  });
  const bulk = createBulkService({
    profiles,
    emitProgress: (progress) => options.emit('bulk:progress', progress),
    history: runs,
    onRunEnd: () => void sandbox.refresh(),
  });

  const handlers = {
    'app:info': async () => ({ version: options.version, host: options.host, userDataDir: options.userDataDir }),
    'sandbox:status': () => sandbox.status(),
    'sandbox:restart': () => sandbox.restart(),
    'sandbox:reset': () => sandbox.reset(),
    'profiles:list': () => profiles.list(),
    'profiles:select': async ({ id }) => {
      await profiles.select(id);
      return { ok: true as const };
    },
    'profiles:create': ({ draft }) => profiles.create(draft),
    'profiles:update': ({ id, draft }) => profiles.update(id, draft),
    'profiles:duplicate': ({ id }) => profiles.duplicate(id),
    'profiles:delete': async ({ id }) => {
      await profiles.remove(id);
      return { ok: true as const };
    },
    'profiles:set-key': ({ id, key }) => profiles.setKey(id, key),
    'profiles:clear-key': ({ id }) => profiles.clearKey(id),
    'profiles:test': (input) => profiles.test(input),
    'profiles:storage': () => profiles.storage(),
    'profiles:accept-weak-storage': () => profiles.acceptWeakStorage(),
    // A production profile is refused unless the input says the user confirmed (checked in resolve).
    'send:start': (input) => sends.start(input),
    'send:cancel': async ({ runId }) => ({ cancelled: sends.cancel(runId) }),
    'send:request-body': async ({ runId, request }) => ({ text: sends.requestBody(runId, request) }),
    'send:outcomes': async (input) => sends.outcomes(input),
    'send:stage': async (input) => ({ chars: sends.stage(input) }),
    'schemas:list': () => schemas.list(),
    'schemas:save': ({ collection, text }) => schemas.save(collection, text),
    'schemas:delete': ({ collection }) => schemas.remove(collection),
    // With native dialogs, a folder comes only from the dialog main shows (schemas:choose-folder); a typed one is refused.
    'schemas:set-folder': async ({ folder }) => {
      if (dialogs && folder !== null)
        throw new CallFailure('invalid', 'Choose the schema folder with “Choose folder…”: the app asks for it itself.');
      return schemas.setFolder(folder);
    },
    'schemas:set-enforce': ({ enforce }) => schemas.setEnforce(enforce),
    'profiles:set-s3-secret': ({ id, secret }) => profiles.setS3Secret(id, secret),
    'profiles:clear-s3-secret': ({ id }) => profiles.clearS3Secret(id),
    'schemas:choose-folder': async () => {
      if (!dialogs) throw new CallFailure('invalid', 'This host has no folder dialog: type the folder path instead.');
      const current = await schemas.list();
      const folder = await dialogs.chooseFolder(
        'Folder of <collection>.schema.json files',
        current.source === 'folder' ? current.folder : undefined,
      );
      return folder === undefined ? current : schemas.setFolder(folder);
    },
    'runs:list': (filter) => history.list(filter),
    'runs:show': ({ id }) => history.show(id),
    'runs:compare': ({ a, b }) => history.compare(a, b),
    'runs:delete': async ({ id }) => {
      await history.remove(id);
      return { ok: true as const };
    },
    'runs:clear': async () => ({ deleted: await history.clear() }),
    'runs:export': ({ id, format }) => history.exportRun(id, format),
    'runs:resend-failures': ({ id, addIds }) => history.resendFailures(id, { addIds }),
    'import:preview': (input) => imports.preview(input),
    'import:apply': (input) => imports.apply(input),
    'workspace:load': () => workspace.load(),
    'workspace:save': (input) => workspace.save(input),
    'files:open': ({ path }) => files.open(path),
    'files:save': (input) => files.save(input),
    'files:recent': async () => ({ files: [...(await files.recent())] }),
    'bulk:start': (input) => bulk.start(input),
    'bulk:cancel': async ({ runId }) => ({ cancelled: bulk.cancel(runId) }),
    'bulk:delete-uploads': ({ runId }) => bulk.deleteUploads(runId),
    'sandbox:collections': async () => ({ collections: sandbox.collections() }),
    'sandbox:export': async ({ collection, query, limit }) => {
      const answer = await sandbox.storedEvents(
        collection,
        JSON.stringify(query ?? {}),
        limit ?? DEFAULT_STORED_EVENTS,
      );
      if (answer.kind === 'not-running')
        throw new CallFailure('failed', 'The local sandbox is not running: start it to see what it stored.');
      if (answer.kind === 'invalid-query') {
        throw new CallFailure(
          'invalid',
          'The query is not valid: a filter is {"property": value} or {"property": {"eq"|"neq"|"gt"|"gte"|"lt"|"lte"|"in"|"exists": value}}, a timeframe has ISO-8601 start and end.',
        );
      }
      return { events: answer.events, matched: answer.matched };
    },
    'sandbox:use-temporary': ({ on }) => sandbox.useTemporary(on),
    'settings:get': () => preferences.get(),
    'settings:update': async (patch) => {
      const next = await preferences.update(patch);
      // Lowered limits take effect now, not at the next send.
      if (patch.historyMaxRuns !== undefined || patch.historyMaxMegabytes !== undefined) await runs.prune();
      return next;
    },
  } satisfies Handlers;

  return {
    handlers,
    sandbox,
    secrets: () => [...sandbox.secrets(), ...profiles.secrets()],
    start: async () => {
      await sandbox.start();
    },
    close: async () => {
      sends.cancelAll();
      bulk.cancelAll();
      await imports.close();
      await sandbox.close();
    },
  };
}
