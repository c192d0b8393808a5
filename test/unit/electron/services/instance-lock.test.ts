// One running instance per user-data folder: a live owner keeps its lock, a dead one's lock is taken over.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireInstanceLock, instanceLockPath, InstanceLockedError } from '../../../../electron/services/instance-lock';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bs-lock-'));
  dirs.push(dir);
  return dir;
};

describe('instance lock', () => {
  it('refuses a second owner while the first lives, and frees the folder on release', async () => {
    const dir = await tempDir();
    const first = await acquireInstanceLock(dir);
    expect(await readFile(instanceLockPath(dir), 'utf8')).toBe(`${process.pid}\n`);
    // Another live process (our parent) claims it: the owner in the file is alive, so it is refused.
    const other = await acquireInstanceLock(dir, process.ppid).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(InstanceLockedError);
    expect((other as InstanceLockedError).message).toContain('--user-data');
    await first.release();
    const second = await acquireInstanceLock(dir, process.ppid);
    await second.release();
  });

  it('takes over the lock of a process that no longer exists', async () => {
    const dir = await tempDir();
    // The pid of a process that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(instanceLockPath(dir), `${gone.stdout}\n`);
    const lock = await acquireInstanceLock(dir);
    expect(await readFile(instanceLockPath(dir), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });
});
