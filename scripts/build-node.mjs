// Bundles the Node-side entry points (CLI, browser host, Electron main and preload) with esbuild,
// so `batch-studio` starts fast and the Electron shell loads plain JavaScript.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

const entries = [
  { in: 'electron/cli/main.ts', out: 'dist/node/cli.mjs', format: 'esm', packages: 'external' },
  { in: 'electron/web/main.ts', out: 'dist/node/web.mjs', format: 'esm', packages: 'external' },
  { in: 'electron/main/index.ts', out: 'dist/electron/main.cjs', format: 'cjs', external: ['electron'] },
  { in: 'electron/preload/index.ts', out: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] },
  // Import workers, next to the bundles that start them (found relative to web.mjs and main.cjs).
  { in: 'electron/services/history/import-worker.ts', out: 'dist/node/import-worker.mjs', format: 'esm', packages: 'external' },
  { in: 'electron/services/history/import-worker.ts', out: 'dist/electron/import-worker.cjs', format: 'cjs', external: ['electron'] },
];

for (const entry of entries) {
  const input = join(root, entry.in);
  if (!existsSync(input)) continue;
  await build({
    ...common,
    entryPoints: [input],
    outfile: join(root, entry.out),
    format: entry.format,
    ...(entry.packages ? { packages: entry.packages } : {}),
    ...(entry.external ? { external: entry.external } : {}),
    ...(entry.format === 'esm'
      ? { banner: { js: "import { createRequire as __bsCreateRequire } from 'node:module'; const require = __bsCreateRequire(import.meta.url);" } }
      : {}),
  });
}
