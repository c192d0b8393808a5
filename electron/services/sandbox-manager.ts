// Runs the embedded sandbox for the app: 127.0.0.1 on a free port, data and a stable identity (project id,
// keys) in the user-data folder, so the "Local sandbox" target works on first launch and keeps its events.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { SandboxStatus } from '../contract/channels';
import { createJsonStore } from '../node/json-store';

const keysSchema = z.object({
  push: z.string().min(1),
  query: z.string().min(1),
  pushquery: z.string().min(1),
  master: z.string().min(1),
});
export type SandboxKeys = z.infer<typeof keysSchema>;
const identitySchema = z.object({ version: z.literal(1), projectId: z.string().min(1), keys: keysSchema });
type SandboxIdentity = z.infer<typeof identitySchema>;

/** The part of a running sandbox (electron/sandbox/server) the app uses. */
export interface RunningSandbox {
  readonly url: string;
  readonly projectId: string;
  readonly keys: SandboxKeys;
  eventCount(): number | Promise<number>;
  /** Collections holding events, with their counts. */
  collections(): { name: string; count: number }[];
  /** Export of spec §6 in-process: the first `limit` matches and how many match (up to 10,001); undefined for an invalid query. */
  storedEvents(
    collection: string,
    queryText: string,
    limit: number,
  ): Promise<{ events: Record<string, unknown>[]; matched: number } | undefined>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface SandboxStartOptions {
  readonly host: string;
  readonly port: number;
  /** Folder of the durable log; absent for a temporary sandbox that keeps its events in memory. */
  readonly dataDir?: string;
  readonly projectId: string;
  readonly keys: SandboxKeys;
  readonly latencyMs?: number;
}

export type StartSandbox = (options: SandboxStartOptions) => Promise<RunningSandbox>;

/** Where a send to the Local sandbox goes. The key stays in main. */
export interface SandboxTarget {
  readonly url: string;
  readonly projectId: string;
  readonly pushKey: string;
}

export interface SandboxManager {
  start(): Promise<SandboxStatus>;
  status(): Promise<SandboxStatus>;
  restart(): Promise<SandboxStatus>;
  reset(): Promise<SandboxStatus>;
  /** What the running sandbox stored, by collection (empty when it does not run). */
  collections(): { name: string; count: number }[];
  /** The stored events of a collection matching an export query (spec §6), read in main: no key leaves it. */
  storedEvents(collection: string, queryText: string, limit: number): Promise<StoredEventsAnswer>;
  /**
   * Test runs: `true` starts a fresh temporary sandbox (memory only, the same project id and keys) that the
   * Local sandbox target points at until `false` closes it, so a test's `setup.reset` never wipes the user's events.
   */
  useTemporary(on: boolean): Promise<{ temporary: boolean }>;
  /** Pushes the current status (event count after a send, for instance). */
  refresh(): Promise<SandboxStatus>;
  close(): Promise<void>;
  target(): SandboxTarget | undefined;
  /** The identity's project id, known before the sandbox has started. */
  projectId(): string | undefined;
  /** Every key value, so error messages can be scrubbed of them. */
  secrets(): string[];
}

export type StoredEventsAnswer =
  | { readonly kind: 'ok'; readonly events: Record<string, unknown>[]; readonly matched: number }
  | { readonly kind: 'invalid-query' }
  | { readonly kind: 'not-running' };

export interface SandboxManagerOptions {
  readonly userDataDir: string;
  readonly start: StartSandbox;
  readonly emit: (status: SandboxStatus) => void;
  /** Extra sandbox behaviour, for tests and demos (slow answers to try cancelling). */
  readonly latencyMs?: number;
  readonly now?: () => Date;
}

const newKey = (role: string): string => `sbx-${role}-${randomBytes(18).toString('base64url')}`;

const newIdentity = (): SandboxIdentity => ({
  version: 1,
  projectId: `local-${randomBytes(6).toString('hex')}`,
  keys: { push: newKey('push'), query: newKey('query'), pushquery: newKey('pushquery'), master: newKey('master') },
});

export const sandboxIdentityPath = (userDataDir: string): string => join(userDataDir, 'sandbox.json');
export const sandboxDataDir = (userDataDir: string): string => join(userDataDir, 'sandbox');

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createSandboxManager(options: SandboxManagerOptions): SandboxManager {
  const now = options.now ?? (() => new Date());
  const identityPath = sandboxIdentityPath(options.userDataDir);
  let identity: SandboxIdentity | undefined;
  let running: RunningSandbox | undefined;
  let temporary: RunningSandbox | undefined;
  let state: SandboxStatus['state'] = 'stopped';
  let message: string | undefined;
  // start/restart/reset/close run one at a time: a restart never races a reset.
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  const identityStore = createJsonStore({
    path: identityPath,
    schema: identitySchema,
    initial: newIdentity,
    // This file is the sandbox's own key store: only the user may read it; a new identity is kept at once.
    mode: 0o600,
    persistInitial: true,
    now,
    damaged: (keptAs) =>
      `The sandbox settings were damaged and kept aside as ${keptAs}; the sandbox has a new project id and keys.`,
  });

  const loadIdentity = async (): Promise<SandboxIdentity> => {
    if (identity) return identity;
    identity = await identityStore.read();
    const problem = identityStore.problems()[0];
    if (problem) message = problem;
    return identity;
  };

  const snapshot = async (): Promise<SandboxStatus> => {
    let eventCount = 0;
    if (running) {
      try {
        eventCount = await running.eventCount();
      } catch {
        eventCount = 0;
      }
    }
    return {
      state,
      ...(running
        ? { url: running.url, projectId: running.projectId }
        : identity
          ? { projectId: identity.projectId }
          : {}),
      eventCount,
      ...(message ? { message } : {}),
    };
  };

  const publish = async (): Promise<SandboxStatus> => {
    const status = await snapshot();
    options.emit(status);
    return status;
  };

  const startNow = async (): Promise<SandboxStatus> => {
    if (running) return snapshot();
    state = 'starting';
    await publish();
    try {
      const id = await loadIdentity();
      running = await options.start({
        host: '127.0.0.1',
        port: 0,
        dataDir: sandboxDataDir(options.userDataDir),
        projectId: id.projectId,
        keys: id.keys,
        ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
      });
      state = 'running';
    } catch (error) {
      running = undefined;
      state = 'error';
      message = `The local sandbox could not start: ${describe(error)}`;
    }
    return publish();
  };

  const stopNow = async (): Promise<void> => {
    const current = running;
    running = undefined;
    state = 'stopped';
    if (current) await current.close();
  };

  return {
    start: () => serial(startNow),
    status: snapshot,
    refresh: publish,
    restart: () =>
      serial(async () => {
        message = undefined;
        await stopNow();
        return startNow();
      }),
    reset: () =>
      serial(async () => {
        // During a test run in a temporary sandbox, its setup.reset empties only that one.
        if (temporary) {
          await temporary.reset();
          return snapshot();
        }
        if (!running) return startNow();
        await running.reset();
        return publish();
      }),
    useTemporary: (on) =>
      serial(async () => {
        const previous = temporary;
        temporary = undefined;
        await previous?.close();
        if (on) {
          const id = await loadIdentity();
          temporary = await options.start({ host: '127.0.0.1', port: 0, projectId: id.projectId, keys: id.keys });
        }
        return { temporary: temporary !== undefined };
      }),
    close: () =>
      serial(async () => {
        const scratch = temporary;
        temporary = undefined;
        await scratch?.close();
        await stopNow();
      }),
    collections: () => running?.collections() ?? [],
    async storedEvents(collection, queryText, limit) {
      if (!running) return { kind: 'not-running' };
      const found = await running.storedEvents(collection, queryText, limit);
      return found ? { kind: 'ok', ...found } : { kind: 'invalid-query' };
    },
    target: () => {
      const current = temporary ?? running;
      return current ? { url: current.url, projectId: current.projectId, pushKey: current.keys.push } : undefined;
    },
    projectId: () => identity?.projectId,
    secrets: () => (identity ? Object.values(identity.keys) : []),
  };
}
