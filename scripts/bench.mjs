// `npm run bench`: bundles every test/bench/*.bench.ts with esbuild and runs each in its own Node
// process (with --expose-gc), so numbers are printed, never asserted. Pass names to run a subset.
import { build } from 'esbuild';
import { readdirSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'test/bench');
const outDir = join(root, '.bench');
mkdirSync(outDir, { recursive: true });
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  const outfile = join(outDir, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(benchDir, file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __bsCreateRequire } from 'node:module'; const require = __bsCreateRequire(import.meta.url);",
    },
  });
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', outfile], {
    cwd: root,
    stdio: 'inherit',
    // Benches measure the build `npm run bench` has just made: the test harness must not replace the CLI
    // with its one-file test bundle (which loads every command's code).
    env: { ...process.env, BATCH_STUDIO_DIST_BUILT: '1' },
  });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
