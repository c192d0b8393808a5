// A worker entry bundled the way scripts/build-node.mjs bundles it (ESM next to web.mjs, CommonJS for
// Electron main), so worker tests run what ships rather than the TypeScript sources.
import { build } from 'esbuild';

export async function bundleWorker(entry: string, outfile: string, format: 'esm' | 'cjs' = 'esm'): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    logLevel: 'warning',
  });
}
