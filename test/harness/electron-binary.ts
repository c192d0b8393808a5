// Finds the Electron executable the way `require('electron')` does, but never downloads: where none is on
// disk (machines without network access to Electron's releases), the Electron specs skip themselves.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './project-root';

export function findElectronBinary(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const electronPackage = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative || 'electron')
    : relative
      ? join(electronPackage, 'dist', relative)
      : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

/** Why the Electron specs cannot run here, or undefined when they can. */
export function electronUnavailableReason(): string | undefined {
  if (findElectronBinary()) return undefined;
  return 'no Electron binary: node_modules/electron/path.txt is missing or points nowhere, and ELECTRON_OVERRIDE_DIST_PATH is not set';
}
