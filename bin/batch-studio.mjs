#!/usr/bin/env node
// The `batch-studio` command: runs the bundled CLI (built by `npm install` / `npm run build:node`).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Node 22.1 and later keep the bundle's compiled code between runs, so a command starts without compiling
// it again; older versions have no such cache (the call is skipped).
module.enableCompileCache?.();
const bundle = fileURLToPath(new URL('../dist/node/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(
    'batch-studio: the CLI is not built yet. Run `npm install` (or `npm run build:node`) in the project folder.\n',
  );
  process.exit(2);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
