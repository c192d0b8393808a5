// Builds the Node entry points (CLI, browser host, workers) with the shipped build script when dist/node is
// missing or older than its sources, so tests and benches run the same split bundle that ships. Test files
// run in parallel processes: one builds under a lock folder while the others wait for it, then find the
// build fresh.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './project-root';

const LOCK_TIMEOUT_MS = 180_000;
const POLL_MS = 100;

/** The newest modification time of a file, or of anything inside a folder. */
export const newestMtime = (path: string): number => {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newestMtime(join(path, name))), info.mtimeMs);
};

const outputs = ['cli.mjs', 'web.mjs'].map((name) => join(projectRoot, 'dist', 'node', name));
const sources = ['electron', 'core', 'scripts/build-node.mjs'].map((p) => join(projectRoot, p));

function isFresh(): boolean {
  if (!outputs.every((file) => existsSync(file))) return false;
  const newestSource = Math.max(...sources.map(newestMtime));
  return outputs.every((file) => statSync(file).mtimeMs >= newestSource);
}

/** Blocks this thread for `ms` while another process holds the build lock (tests call this before spawning). */
const pause = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/** Takes the lock folder, waiting while another process holds it; a lock older than the timeout is stale. */
function lock(path: string): void {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(path);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const age = existsSync(path) ? Date.now() - statSync(path).mtimeMs : 0;
    if (age > LOCK_TIMEOUT_MS) rmSync(path, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`another test process held ${path} for over 3 minutes`);
    else pause(POLL_MS);
  }
}

let checked = false;

/**
 * Makes dist/node current. `npm test` and `npm run bench` build dist/ themselves first and say so with
 * BATCH_STUDIO_DIST_BUILT=1; a targeted test run builds here when a source is newer than the bundle.
 */
export function ensureNodeBuilt(): void {
  if (checked || process.env['BATCH_STUDIO_DIST_BUILT'] === '1') return;
  if (!isFresh()) {
    mkdirSync(join(projectRoot, 'dist'), { recursive: true });
    const lockPath = join(projectRoot, 'dist', '.node-build-lock');
    lock(lockPath);
    try {
      if (!isFresh()) {
        const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build-node.mjs')], {
          cwd: projectRoot,
          encoding: 'utf8',
        });
        if (result.status !== 0) throw new Error(`build-node failed:\n${result.stdout}\n${result.stderr}`);
      }
    } finally {
      rmSync(lockPath, { recursive: true, force: true });
    }
  }
  checked = true;
}
