// Electron's async safeStorage as the key store's cipher, against a stand-in with real AES-GCM: keychain
// backends protect keys, basic_text and a missing keychain are reported as file storage, re-encryption is honoured.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createSafeStorageCipher, type SafeStorageLike } from '../../../../electron/main/safe-storage-cipher';
import { createSecretStore } from '../../../../electron/services/secret-store';
import { aesGcmCipher } from '../../../harness/aes-gcm-cipher';

const KEY = 'sk-live-SAFESTORAGE-7a7a7a7a';

/** safeStorage with real AES-GCM; `rotate()` makes the next decrypt ask for re-encryption under a new key. */
function fakeSafeStorage(
  backend: ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>>,
  available = true,
) {
  let current = aesGcmCipher(randomBytes(32));
  let previous: ReturnType<typeof aesGcmCipher> | undefined;
  const calls = { encrypt: 0 };
  const storage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (plain) => {
      calls.encrypt++;
      return Buffer.from(await current.encrypt(plain));
    },
    decryptStringAsync: async (data) => {
      try {
        return { result: await current.decrypt(data), shouldReEncrypt: false };
      } catch (error) {
        if (!previous) throw error;
        return { result: await previous.decrypt(data), shouldReEncrypt: true };
      }
    },
  };
  return {
    storage,
    calls,
    rotate() {
      previous = current;
      current = aesGcmCipher(randomBytes(32));
    },
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-safe-storage-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('safeStorage cipher', () => {
  it('uses the keychain where one exists and never writes the key in clear', async () => {
    const fake = fakeSafeStorage('gnome_libsecret');
    const cipher = await createSafeStorageCipher(fake.storage, 'linux');
    expect(cipher).toMatchObject({ protection: 'keychain', backend: 'gnome_libsecret' });
    const store = createSecretStore({ path: join(dir, 'keys.json'), cipher });
    await store.setKey('p1', KEY);
    expect(await readFile(join(dir, 'keys.json'), 'utf8')).not.toContain(KEY);
    expect(await store.readKey('p1', 'Staging')).toBe(KEY);
  });

  it('reports basic_text and a missing keychain as file storage', async () => {
    expect((await createSafeStorageCipher(fakeSafeStorage('basic_text').storage, 'linux')).protection).toBe('file');
    expect(await createSafeStorageCipher(fakeSafeStorage('basic_text', false).storage, 'linux')).toMatchObject({
      protection: 'file',
      backend: 'unavailable',
    });
    expect(await createSafeStorageCipher(undefined, 'linux')).toMatchObject({
      protection: 'file',
      backend: 'unavailable',
    });
    // Only Linux names a backend; elsewhere an available safeStorage is the OS keychain.
    expect(await createSafeStorageCipher(fakeSafeStorage('basic_text').storage, 'darwin')).toMatchObject({
      protection: 'keychain',
    });
  });

  it('stores a key again when the keychain asks for re-encryption, and reads it after', async () => {
    const fake = fakeSafeStorage('kwallet6');
    const cipher = await createSafeStorageCipher(fake.storage, 'linux');
    const path = join(dir, 'keys.json');
    const store = createSecretStore({ path, cipher });
    await store.setKey('p1', KEY);
    const before = await readFile(path, 'utf8');
    fake.rotate();
    expect(await store.readKey('p1', 'Staging')).toBe(KEY);
    const after = await readFile(path, 'utf8');
    expect(after).not.toBe(before);
    expect(after).not.toContain(KEY);
    // A fresh store (no cache) reads the re-encrypted entry with the current key only.
    expect(await createSecretStore({ path, cipher }).readKey('p1', 'Staging')).toBe(KEY);
  });
});
