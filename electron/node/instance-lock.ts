// The one lock of the app: a file naming its owner (pid, the process's start time, a random token), created
// exclusively with its content, taken over only when its owner is gone, removed only by that owner. It guards
// the user-data folder (one running Batch Studio) and the sandbox's data folder (one writer of its log).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface FileLock {
  release(): Promise<void>;
}
export type InstanceLock = FileLock;

/** The lock is held by a live process (`pid`, 0 when it could not be told). */
export class LockHeldError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(`${path} is held by process ${pid}`);
  }
}

export class InstanceLockedError extends Error {
  constructor(
    readonly userDataDir: string,
    readonly pid: number,
  ) {
    // Callers put "Batch Studio:" or a dialog title before it, so the message does not start with the name.
    super(
      `The data folder ${userDataDir} is in use by a running Batch Studio (process ${pid}). Close it first, or use another folder with --user-data.`,
    );
  }
}

export const instanceLockPath = (userDataDir: string): string => join(userDataDir, 'instance.lock');

interface Owner {
  readonly pid: number;
  /** The process's start time in clock ticks since boot (Linux); undefined where it cannot be read. */
  readonly start: string | undefined;
  readonly token: string;
}

/** Locks this process holds, by path, with their token: a lock naming our pid but not held is stale. */
const held = new Map<string, string>();

const TAKEOVER_ATTEMPTS = 100;
const TAKEOVER_WAIT_MS = 20;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Field 22 of /proc/PID/stat: tells a pid's process apart from a later one that reuses the number. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

const format = (owner: Owner): string => `${owner.pid}\n${owner.start ?? '-'}\n${owner.token}\n`;

/** The owner a lock names; a lock of an earlier version holds only the pid (its token is then empty). */
const parse = (text: string): Owner | undefined => {
  const [pid, start, token] = text.split('\n');
  const number = Number(pid);
  if (!Number.isInteger(number) || number <= 0) return undefined;
  return { pid: number, start: start === '-' || !start ? undefined : start, token: token ?? '' };
};

/** A lock whose owner is gone: dead, its pid reused by a later process, or our own pid in an earlier life. */
function isStale(path: string, owner: Owner | undefined): boolean {
  if (owner === undefined) return true;
  if (owner.pid === process.pid) return held.get(path) !== owner.token;
  if (!alive(owner.pid)) return true;
  const start = processStart(owner.pid);
  return owner.start !== undefined && start !== undefined && start !== owner.start;
}

const readOwnerText = (path: string): Promise<string | undefined> => readFile(path, 'utf8').catch(() => undefined);

/** Creates `path` with `text` in one step, or reports that it exists: a reader never sees it half-written. */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, text, { mode: 0o600 });
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes a stale lock while holding a takeover guard, so two processes that both found it stale cannot
 * both remove it (the second would remove the first one's fresh lock). False when another takeover runs.
 */
async function removeStale(path: string, staleText: string | undefined, me: Owner): Promise<boolean> {
  const guard = `${path}.takeover`;
  if (!(await createExclusive(guard, format(me)))) {
    const guardText = await readOwnerText(guard);
    // A guard left by a process that died during its takeover.
    if (guardText !== undefined && isStale(guard, parse(guardText))) await rm(guard, { force: true });
    return false;
  }
  try {
    if ((await readOwnerText(path)) === staleText) await rm(path, { force: true });
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}

/** Takes the lock at `path` or throws LockHeldError naming the live owner. */
export async function acquireFileLock(file: string, pid: number = process.pid): Promise<FileLock> {
  const path = resolve(file);
  const me: Owner = { pid, start: processStart(pid), token: randomBytes(12).toString('hex') };
  const text = format(me);
  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
    if (await createExclusive(path, text)) {
      held.set(path, me.token);
      return {
        release: async () => {
          if (held.get(path) === me.token) held.delete(path);
          // Only our own lock: one we no longer hold (taken over while we were thought gone) stays.
          if ((await readOwnerText(path)) === text) await rm(path, { force: true });
        },
      };
    }
    const ownerText = await readOwnerText(path);
    if (ownerText === undefined) continue; // released in between: try again
    const owner = parse(ownerText);
    if (!isStale(path, owner)) throw new LockHeldError(path, owner?.pid ?? 0);
    if (!(await removeStale(path, ownerText, me))) await pause(TAKEOVER_WAIT_MS);
  }
  throw new LockHeldError(path, 0);
}

/** One running Batch Studio per user-data folder, whichever host runs it (desktop app or browser host). */
export async function acquireInstanceLock(userDataDir: string, pid: number = process.pid): Promise<InstanceLock> {
  await mkdir(userDataDir, { recursive: true, mode: 0o700 });
  try {
    return await acquireFileLock(instanceLockPath(userDataDir), pid);
  } catch (error) {
    if (error instanceof LockHeldError) throw new InstanceLockedError(userDataDir, error.pid);
    throw error;
  }
}
