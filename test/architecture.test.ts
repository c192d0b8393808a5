// Enforces the import table of the architecture doc: who may import whom, checked on every source file.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Layer =
  'core' | 'contract' | 'node' | 'router' | 'services' | 'sandbox' | 'main' | 'preload' | 'cli' | 'web' | 'renderer';

const layerOf = (file: string): Layer | undefined => {
  const [top, second] = relative(root, file).split(sep);
  if (top === 'core') return 'core';
  if (top === 'renderer') return 'renderer';
  if (
    top === 'electron' &&
    second &&
    ['contract', 'node', 'router', 'services', 'sandbox', 'main', 'preload', 'cli', 'web'].includes(second)
  ) {
    return second as Layer;
  }
  return undefined;
};

// The table of architecture.md: which of our layers each layer may import.
const allowedLayers: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  contract: ['core', 'contract'],
  node: ['core', 'node'],
  router: ['core', 'contract', 'router'],
  services: ['core', 'contract', 'node', 'services', 'sandbox'],
  sandbox: ['core', 'contract', 'node', 'services', 'sandbox'],
  main: ['core', 'contract', 'node', 'router', 'services', 'sandbox', 'main'],
  preload: ['contract', 'preload'],
  cli: ['core', 'contract', 'node', 'router', 'services', 'sandbox', 'cli'],
  web: ['core', 'contract', 'node', 'router', 'services', 'sandbox', 'web'],
  renderer: ['core', 'contract', 'renderer'],
};
const mayUseNodeBuiltins: Record<Layer, boolean> = {
  core: false,
  contract: false,
  node: true,
  router: false,
  services: true,
  sandbox: true,
  main: true,
  preload: false,
  cli: true,
  web: true,
  renderer: false,
};
// Packages that tie code to one runtime: core stays free of all of them.
const runtimePackages = ['electron', 'react', 'react-dom', 'monaco-editor', '@monaco-editor/react'];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });

interface ImportSite {
  specifier: string;
  typeOnly: boolean;
}

const importsOf = (text: string): ImportSite[] => {
  const sites: ImportSite[] = [];
  const staticImport = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(staticImport)) sites.push({ specifier: m[3] as string, typeOnly: Boolean(m[2]) });
  for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    sites.push({ specifier: m[1] as string, typeOnly: false });
  }
  return sites;
};

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const packageName = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);

const files = ['core', 'electron', 'renderer'].flatMap((dir) => sourceFiles(join(root, dir)));

describe('architecture: import rules', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const file of files) {
    const layer = layerOf(file);
    if (!layer) continue;
    it(`${relative(root, file)} (${layer}) imports only what its layer may`, () => {
      const problems: string[] = [];
      for (const { specifier, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = layerOf(resolve(dirname(file), specifier));
          if (target && !allowedLayers[layer].includes(target)) problems.push(`${specifier} (layer ${target})`);
          continue;
        }
        if (builtins.has(specifier) || builtins.has(packageName(specifier))) {
          if (!mayUseNodeBuiltins[layer]) problems.push(`${specifier} (Node builtin)`);
          continue;
        }
        const pkg = packageName(specifier);
        if (pkg === 'electron' && !typeOnly && layer !== 'main' && layer !== 'preload')
          problems.push(`${specifier} (value import of electron)`);
        if (layer === 'core' && runtimePackages.includes(pkg)) problems.push(`${specifier} (runtime package in core)`);
      }
      expect(problems, `${relative(root, file)} imports what its layer may not`).toEqual([]);
    });
  }
});

describe('architecture: the checker itself', () => {
  it('sees value and type imports apart', () => {
    expect(importsOf("import type { App } from 'electron';\nimport { app } from 'electron';")).toEqual([
      { specifier: 'electron', typeOnly: true },
      { specifier: 'electron', typeOnly: false },
    ]);
  });
  it('sees dynamic imports and requires', () => {
    expect(importsOf("const fs = require('node:fs'); await import('./x');").map((s) => s.specifier)).toEqual([
      'node:fs',
      './x',
    ]);
  });
});
