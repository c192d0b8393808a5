// One running Batch Studio per user-data folder, whichever host runs it (desktop app or browser host):
// two would run two sandboxes on one event log. A lock file holds the owner's pid; a dead owner's lock is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface InstanceLock {
  release(): Promise<void>;
}

export class InstanceLockedError extends Error {
  constructor(
    readonly userDataDir: string,
    readonly pid: number,
  ) {
    // Callers put "Batch Studio:" or a dialog title before it, so the message does not start with the name.
    super(`The data folder ${userDataDir} is in use by a running Batch Studio (process ${pid}). Close it first, or use another folder with --user-data.`);
  }
}

export const instanceLockPath = (userDataDir: string): string => join(userDataDir, 'instance.lock');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export async function acquireInstanceLock(userDataDir: string, pid: number = process.pid): Promise<InstanceLock> {
  await mkdir(userDataDir, { recursive: true });
  const path = instanceLockPath(userDataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${pid}\n`);
      await handle.close();
      return {
        release: async () => {
          // Only our own lock: a successor may have taken over a lock we thought we held.
          const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
          if (owner === pid) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== pid && alive(owner)) throw new InstanceLockedError(userDataDir, owner);
    // Left behind by a crash (or unreadable): take it over.
    await rm(path, { force: true });
  }
  throw new InstanceLockedError(userDataDir, 0);
}
