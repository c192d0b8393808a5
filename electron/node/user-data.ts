// Where Batch Studio keeps its files (profiles, settings, sandbox data): one folder per user, or the one asked for.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Batch Studio';
/** Lets a development build or a test run use its own folder; ignored by packaged builds. */
export const USER_DATA_ENV = 'BATCH_STUDIO_USER_DATA';

export interface UserDataSources {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True in a packaged (installed) app. */
  readonly packaged: boolean;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
  readonly cwd?: string;
}

/** The value of `--user-data DIR` or `--user-data=DIR`, if given. */
export function userDataFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--user-data') return argv[i + 1];
    if (arg?.startsWith('--user-data=')) return arg.slice('--user-data='.length);
  }
  return undefined;
}

/** The per-user default, the folder Electron itself would pick for our product name. */
export function defaultUserDataDir(
  platform: NodeJS.Platform,
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

export function resolveUserDataDir(sources: UserDataSources): string {
  const cwd = sources.cwd ?? process.cwd();
  const flag = userDataFlag(sources.argv);
  if (flag) return resolve(cwd, flag);
  const fromEnv = sources.packaged ? undefined : sources.env[USER_DATA_ENV];
  if (fromEnv) return resolve(cwd, fromEnv);
  return defaultUserDataDir(sources.platform ?? process.platform, sources.home ?? homedir(), sources.env);
}
