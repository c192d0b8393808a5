// Settings: defaults when missing, persisted updates, a damaged file kept aside with a message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSettingsStore, settingsPath } from '../../../../electron/services/settings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts with defaults and persists the selected profile', async () => {
    const store = createSettingsStore(settingsPath(dir));
    expect(await store.read()).toEqual({ version: 1 });
    await store.update((s) => ({ ...s, selectedProfileId: 'p1' }));
    expect(JSON.parse(await readFile(settingsPath(dir), 'utf8'))).toEqual({ version: 1, selectedProfileId: 'p1' });
    expect(await createSettingsStore(settingsPath(dir)).read()).toEqual({ version: 1, selectedProfileId: 'p1' });
  });

  it('keeps a damaged file aside and uses defaults, saying so', async () => {
    await writeFile(settingsPath(dir), '{"version": "one"}');
    const store = createSettingsStore(settingsPath(dir), () => new Date(5));
    expect(await store.read()).toEqual({ version: 1 });
    expect(store.problems()[0]).toMatch(
      /settings file was damaged and has been kept aside as .*settings\.json\.damaged-5/,
    );
    expect(await readdir(dir)).toEqual(['settings.json.damaged-5']);
  });
});
