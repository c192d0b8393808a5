// The checkout the tests and benches run in: found upwards from this module, so it also holds when a bench
// bundles it into .bench/ (a path counted from this file would then point elsewhere).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder up from `from` whose package.json is this project's, else the working directory. */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'batch-studio'
    )
      return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
