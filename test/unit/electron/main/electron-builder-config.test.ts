// electron-builder.yml: a valid configuration for the installed electron-builder, with the settings
// security depends on (only the build output packaged, asar, fuses closed).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';

const root = resolve(import.meta.dirname, '../../../..');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder; it has no types here, so its one function is typed by hand.
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('validates against the installed electron-builder schema', () => {
    const schema = JSON.parse(
      readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('names the app and its targets', () => {
    expect(config).toMatchObject({
      appId: 'io.batchstudio.app',
      productName: 'Batch Studio',
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
    });
  });

  it('packages only the build output and package.json, in an asar', () => {
    expect(config.asar).toBe(true);
    const files = config.files as string[];
    const included = files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(['dist/**', 'package.json']);
    expect(files).toContain('!node_modules/**');
  });

  it('closes the fuses: no RunAsNode, NODE_OPTIONS or --inspect; asar integrity; asar only; cookie encryption', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('starts the bundled main process', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string };
    const main = (config.extraMetadata as { main?: string } | undefined)?.main ?? pkg.main;
    expect(main).toBe('dist/electron/main.cjs');
  });
});
