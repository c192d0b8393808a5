// The secret store with a real AES-GCM cipher: keys round-trip, never sit in the file in clear, survive
// concurrent writes, and damaged stores or wrong keychain keys give clear errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  createSecretStore,
  fileCipher,
  keyEnvName,
  SecretStoreError,
} from '../../../../electron/services/secret-store';
import { aesGcmCipher } from '../../../harness/aes-gcm-cipher';

const KEY = 'sk-live-DISTINCTIVE-secret-7f3a9c';
let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-secrets-'));
  path = join(dir, 'keys.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('secret store', () => {
  it('round-trips a key through the cipher and never writes it in clear', async () => {
    const store = createSecretStore({ path, cipher: aesGcmCipher() });
    const status = await store.setKey('p1', KEY);
    expect(status).toMatchObject({ set: true, last4: KEY.slice(-4), storage: 'keychain' });
    expect(await store.readKey('p1', 'Staging')).toBe(KEY);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(Buffer.from(KEY).toString('base64'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('reports status with at most the last four characters', async () => {
    const store = createSecretStore({ path, cipher: aesGcmCipher(), now: () => new Date('2026-01-02T03:04:05Z') });
    expect(await store.status('p1', 'Staging')).toEqual({ set: false });
    await store.setKey('p1', KEY);
    expect(await store.status('p1', 'Staging')).toEqual({
      set: true,
      last4: KEY.slice(-4),
      changedAt: '2026-01-02T03:04:05.000Z',
      storage: 'keychain',
    });
  });

  it('keeps every key when writes race', async () => {
    const store = createSecretStore({ path, cipher: aesGcmCipher() });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.setKey(`p${i}`, `${KEY}-${i}`)));
    const reopened = createSecretStore({ path, cipher: aesGcmCipher(Buffer.alloc(32)) });
    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(file.keys)).toHaveLength(20);
    expect(reopened.problems()).toEqual([]);
    for (let i = 0; i < 20; i++) expect(await store.readKey(`p${i}`, `P${i}`)).toBe(`${KEY}-${i}`);
  });

  it('says clearly when the keychain key changed (wrong key)', async () => {
    await createSecretStore({ path, cipher: aesGcmCipher(randomBytes(32)) }).setKey('p1', KEY);
    const other = createSecretStore({ path, cipher: aesGcmCipher(randomBytes(32)) });
    await expect(other.readKey('p1', 'Staging')).rejects.toThrow(SecretStoreError);
    await expect(other.readKey('p1', 'Staging')).rejects.toThrow(/cannot be decrypted.*Enter the key again/);
    await other.readKey('p1', 'Staging').catch((error: Error) => expect(error.message).not.toContain(KEY));
  });

  it('keeps a damaged store aside and starts empty, with a message', async () => {
    await writeFile(path, '{"version": 1, "keys": {"p1": {"data": ');
    const store = createSecretStore({ path, cipher: aesGcmCipher() });
    expect(await store.status('p1', 'Staging')).toEqual({ set: false });
    expect(store.problems()[0]).toMatch(/damaged.*kept aside/);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith('keys.json.damaged-'))).toBe(true);
  });

  it('prefers BATCH_STUDIO_KEY_<PROFILE> from the environment', async () => {
    const store = createSecretStore({ path, cipher: fileCipher, env: { [keyEnvName('My staging')]: KEY } });
    expect(keyEnvName('My staging')).toBe('BATCH_STUDIO_KEY_MY_STAGING');
    expect(await store.readKey('p1', 'My staging')).toBe(KEY);
    expect(await store.status('p1', 'My staging')).toMatchObject({ set: true, storage: 'env' });
  });

  it('deletes a key', async () => {
    const store = createSecretStore({ path, cipher: fileCipher });
    await store.setKey('p1', KEY);
    await store.deleteKey('p1');
    expect(await store.readKey('p1', 'Staging')).toBeUndefined();
  });

  it('refuses a multi-line key without echoing it', async () => {
    const store = createSecretStore({ path, cipher: fileCipher });
    await expect(store.setKey('p1', `${KEY}\nmore`)).rejects.toThrow('An API key must be one line of text.');
  });

  it('says plainly when a key was encrypted by another host (the app keychain, read from the CLI), and reads plain keys anywhere', async () => {
    const keychain = { ...aesGcmCipher(), id: 'safe-storage' };
    await createSecretStore({ path, cipher: keychain }).setKey('p1', KEY);
    const cli = createSecretStore({ path, cipher: fileCipher });
    await expect(cli.readKey('p1', 'Staging')).rejects.toThrow(/only the app can read.*BATCH_STUDIO_KEY_STAGING/);
    expect((await cli.status('p1', 'Staging')).problem).toMatch(/only the app can use it/);
    await cli.setKey('p2', `${KEY}-plain`);
    expect(await createSecretStore({ path, cipher: keychain }).readKey('p2', 'Other')).toBe(`${KEY}-plain`);
  });
});
