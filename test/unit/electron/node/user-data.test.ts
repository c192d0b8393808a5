// Where the app keeps its files: --user-data first, the environment variable only in development, else the
// per-user folder Electron would choose for "Batch Studio".
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { defaultUserDataDir, resolveUserDataDir, userDataFlag } from '../../../../electron/node/user-data';

describe('user-data folder', () => {
  it('reads --user-data DIR and --user-data=DIR', () => {
    expect(userDataFlag(['--port', '0', '--user-data', '/data/a'])).toBe('/data/a');
    expect(userDataFlag(['--user-data=/data/b'])).toBe('/data/b');
    expect(userDataFlag(['--port', '0'])).toBeUndefined();
  });

  it('prefers the flag, then the variable (not when packaged), then the default; relative paths from cwd', () => {
    const env = { BATCH_STUDIO_USER_DATA: 'from-env' };
    const base = { env, home: '/home/ada', platform: 'linux' as const, cwd: '/work' };
    expect(resolveUserDataDir({ ...base, argv: ['--user-data', 'here'], packaged: false })).toBe(join('/work', 'here'));
    expect(resolveUserDataDir({ ...base, argv: [], packaged: false })).toBe(join('/work', 'from-env'));
    expect(resolveUserDataDir({ ...base, argv: [], packaged: true })).toBe('/home/ada/.config/Batch Studio');
  });

  it('uses each platform’s per-user folder', () => {
    expect(defaultUserDataDir('linux', '/home/ada', {})).toBe('/home/ada/.config/Batch Studio');
    expect(defaultUserDataDir('linux', '/home/ada', { XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/Batch Studio');
    expect(defaultUserDataDir('darwin', '/Users/ada', {})).toBe('/Users/ada/Library/Application Support/Batch Studio');
    expect(defaultUserDataDir('win32', 'C:/Users/ada', { APPDATA: 'C:/Users/ada/AppData/Roaming' })).toBe(
      join('C:/Users/ada/AppData/Roaming', 'Batch Studio'),
    );
  });
});
