// `npm start`: builds what is missing, then opens the desktop app in Electron. Where no Electron binary is
// installed (it cannot be downloaded on every machine), explains that and runs the same app in the browser
// host instead, so `npm install && npm start` always ends with a working app and its local sandbox.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');

/**
 * The Electron executable `require('electron')` would return, without its download fallback:
 * ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron/path.txt. Undefined when it is not on disk.
 */
export function findElectronBinary(env = process.env) {
  const pathFile = join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
    : relative
      ? join(electronPackage, 'dist', relative)
      : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

function run(label, args) {
  process.stderr.write(`Batch Studio: ${label}…\n`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write(`Batch Studio: ${label} failed.\n`);
    process.exit(result.status ?? 1);
  }
}

function ensureBuilt() {
  const nodeBundles = ['dist/node/web.mjs', 'dist/electron/main.cjs', 'dist/electron/preload.cjs'];
  if (nodeBundles.some((file) => !existsSync(join(root, file))))
    run('building the app (dist/node, dist/electron)', [join(root, 'scripts/build-node.mjs')]);
  if (!existsSync(join(root, 'dist/renderer/index.html')))
    run('building the renderer (dist/renderer)', [join(root, 'node_modules/vite/bin/vite.js'), 'build']);
}

async function main(args) {
  ensureBuilt();
  const binary = findElectronBinary();
  if (binary) {
    const env = { ...process.env };
    // Set by some tools; it would make the Electron binary behave as plain Node.
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit', env });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  }
  process.stderr.write(
    [
      'Batch Studio: the Electron binary is not installed on this machine, so the desktop window cannot open.',
      '  (Electron downloads its binary on first use; that download is not possible here. Where it is, run',
      '  `npx install-electron` once, or point ELECTRON_OVERRIDE_DIST_PATH at an Electron build.)',
      'Starting the same app in your browser instead: open the URL below. Stop it with Ctrl+C.',
      '',
    ].join('\n'),
  );
  const { runWebHost } = await import(pathToFileURL(join(root, 'scripts/web.mjs')).href);
  return runWebHost(args);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  process.exitCode = await main(process.argv.slice(2));
}
