// The one lock (user-data folder and sandbox data folder) on real files with real processes: a live owner
// keeps it, a dead owner, a reused pid or our own pid from an earlier life is taken over, by exactly one
// contender at a time, and only its owner removes it.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import {
  acquireFileLock,
  acquireInstanceLock,
  instanceLockPath,
  InstanceLockedError,
  LockHeldError,
  processStart,
} from '../../../../electron/node/instance-lock';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bs-lock-'));
  dirs.push(dir);
  return dir;
};
const firstLine = async (path: string) => (await readFile(path, 'utf8')).split('\n')[0];
/** The pid of a process that has exited. */
const deadPid = () =>
  Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

/** A small program that takes the lock at argv[2], says `held` or `refused`, and holds it until stdin closes. */
const contenderScript = async (dir: string): Promise<string> => {
  const source = join(dir, 'contender.ts');
  await writeFile(
    source,
    `import { acquireFileLock, LockHeldError } from ${JSON.stringify(join(process.cwd(), 'electron/node/instance-lock.ts'))};
const path = process.argv[2] as string;
acquireFileLock(path).then(
  (lock) => { process.stdout.write('held\\n'); process.stdin.on('end', () => void lock.release().then(() => process.exit(0))); process.stdin.resume(); },
  (error: unknown) => { process.stdout.write(error instanceof LockHeldError ? 'refused\\n' : 'failed ' + String(error) + '\\n'); process.exit(0); },
);
`,
  );
  const outfile = join(dir, 'contender.mjs');
  buildSync({ entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  return outfile;
};

interface Contender {
  readonly answer: Promise<string>;
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** kill -9: nothing runs on the way out, the lock file stays behind. */
  killHard(): Promise<void>;
}
const contend = (script: string, lockPath: string): Contender => {
  const child = spawn(process.execPath, [script, lockPath], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const answer = new Promise<string>((resolve) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', () => resolve(out.trim() || 'exited'));
  });
  return {
    answer,
    pid: child.pid,
    async stop() {
      child.stdin.end();
      await exited;
    },
    async killHard() {
      child.kill('SIGKILL');
      await exited;
    },
  };
};

describe('instance lock', () => {
  it('refuses a second owner while the first lives, and frees the folder on release', async () => {
    const dir = await tempDir();
    const first = await acquireInstanceLock(dir);
    expect(await firstLine(instanceLockPath(dir))).toBe(String(process.pid));
    expect((await stat(instanceLockPath(dir))).mode & 0o777).toBe(0o600);
    const other = await acquireInstanceLock(dir, process.ppid).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(InstanceLockedError);
    expect((other as InstanceLockedError).message).toContain('--user-data');
    expect((other as InstanceLockedError).pid).toBe(process.pid);
    await first.release();
    const second = await acquireInstanceLock(dir, process.ppid);
    await second.release();
  });

  it('takes over the lock of a process that no longer exists', async () => {
    const dir = await tempDir();
    await writeFile(instanceLockPath(dir), `${deadPid()}\n`);
    const lock = await acquireInstanceLock(dir);
    expect(await firstLine(instanceLockPath(dir))).toBe(String(process.pid));
    await lock.release();
  });
});

describe('file lock', () => {
  it('takes over a lock naming our own pid that this process does not hold (a restart reused it)', async () => {
    const path = join(await tempDir(), 'x.lock');
    await writeFile(path, `${process.pid}\n${processStart(process.pid) ?? '-'}\nearlier-life\n`);
    const lock = await acquireFileLock(path);
    expect(await readFile(path, 'utf8')).not.toContain('earlier-life');
    // Held now, by us: a second claim in this process is refused.
    await expect(acquireFileLock(path)).rejects.toBeInstanceOf(LockHeldError);
    await lock.release();
  });

  it('takes over a lock whose live pid now belongs to a later process (start time differs)', async () => {
    if (processStart(process.ppid) === undefined) return; // no /proc: the pid alone is all there is
    const path = join(await tempDir(), 'x.lock');
    await writeFile(path, `${process.ppid}\n1\nsomeone-else\n`);
    const lock = await acquireFileLock(path);
    expect(await firstLine(path)).toBe(String(process.pid));
    await lock.release();
  });

  it('keeps a lock of a live process whose start time matches, and of an earlier version (pid only)', async () => {
    const dir = await tempDir();
    for (const text of [`${process.ppid}\n${processStart(process.ppid) ?? '-'}\nparent\n`, `${process.ppid}\n`]) {
      const path = join(dir, 'x.lock');
      await writeFile(path, text);
      const refused = await acquireFileLock(path).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LockHeldError);
      expect((refused as LockHeldError).pid).toBe(process.ppid);
      expect(await readFile(path, 'utf8')).toBe(text);
    }
  });

  it('release removes only its own lock, never one that was taken over meanwhile', async () => {
    const path = join(await tempDir(), 'x.lock');
    const lock = await acquireFileLock(path);
    const successor = `${process.ppid}\n-\nsuccessor\n`;
    await writeFile(path, successor);
    await lock.release();
    expect(await readFile(path, 'utf8')).toBe(successor);
  });

  it(
    'a live process holds it against other processes; after it exits hard, one of them takes over',
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      const script = await contenderScript(dir);
      const path = join(dir, 'shared.lock');
      const owner = contend(script, path);
      expect(await owner.answer).toBe('held');
      const refused = contend(script, path);
      expect(await refused.answer).toBe('refused');
      await refused.stop();
      await owner.killHard();
      expect(await firstLine(path)).toBe(String(owner.pid));

      // The dead owner's lock, and several processes racing for it: exactly one may win.
      const racers = Array.from({ length: 6 }, () => contend(script, path));
      const answers = await Promise.all(racers.map((r) => r.answer));
      expect(answers.filter((a) => a === 'held')).toHaveLength(1);
      expect(answers.filter((a) => a === 'refused')).toHaveLength(5);
      await Promise.all(racers.map((r) => r.stop()));
      await expect(readFile(path, 'utf8')).rejects.toThrow();
      // No drafts or takeover guards are left behind.
      expect((await readdir(dir)).filter((name) => name.startsWith('shared.lock'))).toEqual([]);
    },
  );
});
