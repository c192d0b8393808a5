// The Preferences channels over the real app services in a temp user-data folder: defaults, saving, bounds,
// a hand-edited settings file, and history pruned at once when its limit goes down.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices } from '../../../../electron/services/app-services';
import { createRouter } from '../../../../electron/router/router';
import type { CallResult } from '../../../../electron/contract/channels';
import { PREFERENCE_DEFAULTS, type Preferences } from '../../../../electron/contract/preferences';

const open: AppServices[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bs-preferences-'));
  dirs.push(dir);
  return dir;
}

async function app(dir: string, startSandbox = false) {
  const services = createAppServices({ userDataDir: dir, host: 'web', version: '1.0.0', emit: () => undefined });
  open.push(services);
  if (startSandbox) await services.start();
  const router = createRouter<null>({
    handlers: services.handlers,
    isTrustedSender: () => true,
    secrets: services.secrets,
  });
  return (channel: string, input: unknown = {}): Promise<CallResult<unknown>> => router.call(channel, input, null);
}

const data = <T>(result: CallResult<unknown>): T => {
  if (!result.ok) throw new Error(`call failed: ${result.error.code} ${result.error.message}`);
  return result.data as T;
};

describe('preferences', () => {
  it('start at their defaults and keep what was saved, beside the selected profile', async () => {
    const dir = await tempDir();
    const call = await app(dir);
    expect(data<Preferences>(await call('settings:get'))).toEqual(PREFERENCE_DEFAULTS);
    await call('profiles:select', { id: 'local-sandbox' });
    const saved = data<Preferences>(await call('settings:update', { bulkImportThreshold: 1200, historyMaxRuns: 50 }));
    expect(saved).toEqual({ ...PREFERENCE_DEFAULTS, bulkImportThreshold: 1200, historyMaxRuns: 50 });

    const again = await app(dir);
    expect(data<Preferences>(await again('settings:get'))).toEqual(saved);
    const file = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(file['selectedProfileId']).toBe('local-sandbox');
    expect(file['preferences']).toMatchObject({ bulkImportThreshold: 1200, historyMaxRuns: 50 });
  });

  it('refuse a value out of bounds, saying which, and keep the saved one', async () => {
    const call = await app(await tempDir());
    await call('settings:update', { historyMaxRuns: 10 });
    for (const patch of [{ historyMaxRuns: 0 }, { historyMaxRuns: 2.5 }, { bulkImportThreshold: -1 }]) {
      const result = await call('settings:update', patch);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain(Object.keys(patch)[0]);
    }
    expect(data<Preferences>(await call('settings:get')).historyMaxRuns).toBe(10);
  });

  it('fall back to the default for a hand-edited value out of bounds, without losing the rest of the file', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({
        version: 1,
        selectedProfileId: 'local-sandbox',
        preferences: { historyMaxRuns: 'lots', bulkImportThreshold: 7 },
      }),
    );
    const call = await app(dir);
    expect(data<Preferences>(await call('settings:get'))).toEqual({ ...PREFERENCE_DEFAULTS, bulkImportThreshold: 7 });
    const profiles = data<{ selectedId?: string }>(await call('profiles:list'));
    expect(profiles.selectedId).toBe('local-sandbox');
  });

  it('prune history at once when its run limit goes down, newest runs kept', async () => {
    const call = await app(await tempDir(), true);
    for (const n of [1, 2, 3]) {
      const batchText = JSON.stringify({ clicks: [{ id: `p-${n}` }] });
      data(await call('send:start', { runId: `run-${n}`, profileId: 'local-sandbox', batchText }));
    }
    const runIds = async () => data<{ runs: { id: string }[] }>(await call('runs:list')).runs.map((r) => r.id);
    expect(await runIds()).toEqual(['run-3', 'run-2', 'run-1']);
    data(await call('settings:update', { historyMaxRuns: 2 }));
    expect(await runIds()).toEqual(['run-3', 'run-2']);
    // And the next run is held to it too.
    data(
      await call('send:start', { runId: 'run-4', profileId: 'local-sandbox', batchText: '{"clicks":[{"id":"p-4"}]}' }),
    );
    expect(await runIds()).toEqual(['run-4', 'run-3']);
  });
});
