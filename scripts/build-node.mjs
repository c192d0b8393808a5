// Bundles the Node-side entry points (CLI, browser host, Electron main and preload) with esbuild,
// so `batch-studio` starts fast and the Electron shell loads plain JavaScript. The CLI and the browser
// host are split (ESM): each command's module, and what only it needs (zod, the AWS SDK, csv-parse),
// becomes a chunk loaded when that command runs, so `batch-studio --help` loads almost nothing.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const esmBanner = {
  js: "import { createRequire as __bsCreateRequire } from 'node:module'; const require = __bsCreateRequire(import.meta.url);",
};

// Chunks of an earlier build would pile up: their names change with their content.
const nodeDir = join(root, 'dist/node');
if (existsSync(nodeDir))
  for (const name of readdirSync(nodeDir)) if (name.startsWith('chunk-')) rmSync(join(nodeDir, name));

const split = [
  { name: 'cli', in: 'electron/cli/main.ts' },
  { name: 'web', in: 'electron/web/main.ts' },
  // The import worker, next to the bundle that starts it (found relative to web.mjs).
  { name: 'import-worker', in: 'electron/services/history/import-worker.ts' },
  // The prepare worker (lint before an app send), found the same way.
  { name: 'prepare-worker', in: 'electron/services/send/prepare-worker.ts' },
].filter((entry) => existsSync(join(root, entry.in)));
await build({
  ...common,
  entryPoints: Object.fromEntries(split.map((entry) => [entry.name, join(root, entry.in)])),
  outdir: nodeDir,
  format: 'esm',
  splitting: true,
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  banner: esmBanner,
});

const single = [
  { in: 'electron/main/index.ts', out: 'dist/electron/main.cjs', external: ['electron'] },
  { in: 'electron/preload/index.ts', out: 'dist/electron/preload.cjs', external: ['electron'] },
  // The import worker, next to main.cjs that starts it.
  { in: 'electron/services/history/import-worker.ts', out: 'dist/electron/import-worker.cjs', external: ['electron'] },
  { in: 'electron/services/send/prepare-worker.ts', out: 'dist/electron/prepare-worker.cjs', external: ['electron'] },
];
for (const entry of single) {
  const input = join(root, entry.in);
  if (!existsSync(input)) continue;
  await build({
    ...common,
    entryPoints: [input],
    outfile: join(root, entry.out),
    format: 'cjs',
    external: entry.external,
  });
}
