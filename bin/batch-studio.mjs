#!/usr/bin/env node
// The `batch-studio` command: runs the bundled CLI (built by `npm install` / `npm run build:node`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/node/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(
    'batch-studio: the CLI is not built yet. Run `npm install` (or `npm run build:node`) in the project folder.\n',
  );
  process.exit(2);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
