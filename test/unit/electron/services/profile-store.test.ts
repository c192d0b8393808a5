// Profiles on disk: validated, atomic, the built-in sandbox profile protected, damaged files kept aside.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProfileStore, LOCAL_SANDBOX_ID, type StoredProfile } from '../../../../electron/services/profile-store';

const localSandbox = (): StoredProfile => ({
  id: LOCAL_SANDBOX_ID,
  name: 'Local sandbox',
  baseUrl: 'http://127.0.0.1:9999',
  projectId: 'sandbox',
  color: '#2e7d32',
  production: false,
  confirmProduction: false,
});
let dir: string;
let path: string;
const open = () => createProfileStore({ path, localSandbox });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-profiles-'));
  path = join(dir, 'profiles.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('profile store', () => {
  it('starts with the Local sandbox only', async () => {
    expect(await open().list()).toEqual({ profiles: [localSandbox()] });
  });

  it('creates, edits, duplicates and deletes profiles, persisting each change', async () => {
    const store = open();
    const staging = await store.create({ name: 'Staging', baseUrl: 'https://staging.example.com/', projectId: 'p-1' });
    expect(staging).toMatchObject({
      name: 'Staging',
      baseUrl: 'https://staging.example.com',
      production: false,
      confirmProduction: true,
    });
    await store.update(staging.id, {
      name: 'Staging EU',
      baseUrl: 'https://eu.example.com',
      projectId: 'p-2',
      production: true,
    });
    const copy = await store.duplicate(staging.id);
    expect(copy.name).toBe('Staging EU copy');
    const reopened = await open().list();
    expect(reopened.profiles.map((p) => p.name)).toEqual(['Local sandbox', 'Staging EU', 'Staging EU copy']);
    await store.remove(copy.id);
    expect((await open().list()).profiles.map((p) => p.name)).toEqual(['Local sandbox', 'Staging EU']);
  });

  it('refuses to edit or delete the built-in profile', async () => {
    const store = open();
    await expect(store.remove(LOCAL_SANDBOX_ID)).rejects.toThrow(/built in and cannot be deleted/);
    await expect(store.update(LOCAL_SANDBOX_ID, { name: 'x', projectId: 'y' })).rejects.toThrow(/cannot be edited/);
  });

  it('refuses plain http to a remote host, duplicate names and empty fields', async () => {
    const store = open();
    await expect(store.create({ name: 'Prod', baseUrl: 'http://api.getconnect.io', projectId: 'p' })).rejects.toThrow(
      /only allowed for this machine/,
    );
    await expect(store.create({ name: 'local SANDBOX', projectId: 'p' })).rejects.toThrow(/already exists/);
    await expect(store.create({ name: ' ', projectId: 'p' })).rejects.toThrow(/name/);
    expect((await open().list()).profiles).toHaveLength(1);
  });

  it('keeps a damaged file aside with a message, never silently replacing it', async () => {
    await writeFile(path, '{"version": 1, "profiles": [{"id": 3}]');
    const store = open();
    expect((await store.list()).profiles).toHaveLength(1);
    expect(store.problems()[0]).toMatch(/damaged and has been kept aside/);
    const aside = (await readdir(dir)).find((f) => f.startsWith('profiles.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside ?? ''), 'utf8')).toContain('"id": 3');
  });

  it('never stores a key field', async () => {
    const store = open();
    await store.create({ name: 'Staging', projectId: 'p', apiKey: 'sk-should-not-be-here' } as never);
    expect(await readFile(path, 'utf8')).not.toContain('sk-should-not-be-here');
  });
});
