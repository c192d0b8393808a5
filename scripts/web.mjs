// `npm run web -- [--port N] [--user-data DIR]`: builds what is missing, then runs the browser host in this
// process (the same router, services and embedded sandbox as the desktop app) until Ctrl+C.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hostBundle = join(root, 'dist/node/web.mjs');
const rendererIndex = join(root, 'dist/renderer/index.html');

/** Runs a build step in the project folder; stops here if it fails. */
export function buildStep(label, args) {
  process.stderr.write(`Batch Studio: ${label}…\n`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write(`Batch Studio: ${label} failed.\n`);
    process.exit(result.status ?? 1);
  }
}

export function ensureBuilt() {
  if (!existsSync(hostBundle)) buildStep('building the host (dist/node)', [join(root, 'scripts/build-node.mjs')]);
  if (!existsSync(rendererIndex))
    buildStep('building the renderer (dist/renderer)', [join(root, 'node_modules/vite/bin/vite.js'), 'build']);
}

/** Builds if needed and runs the browser host with these arguments; resolves to its exit code. */
export async function runWebHost(args) {
  ensureBuilt();
  const { main } = await import(pathToFileURL(hostBundle).href);
  return main(args);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  process.exitCode = await runWebHost(process.argv.slice(2));
}
