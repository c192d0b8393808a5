// Electron's async safeStorage as the key store's Cipher: keys encrypted by the OS keychain. Where the OS
// offers none (Linux's basic_text backend, or no encryption at all) the cipher says 'file', and the app asks
// the user before it stores any key that way.
import type { SafeStorage } from 'electron';
import { fileCipher, type Cipher } from '../services/secret-store';

/** The part of Electron's safeStorage used here (a fake stands in for it in tests). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

/** Call after the app is ready: safeStorage answers only then. */
export async function createSafeStorageCipher(
  safeStorage: SafeStorageLike | undefined,
  platform: NodeJS.Platform = process.platform,
): Promise<Cipher> {
  let available: boolean;
  try {
    available = (await safeStorage?.isAsyncEncryptionAvailable()) === true;
  } catch {
    available = false;
  }
  // No encryption at all: keys could only be kept in a 0600 file, which the user must accept first.
  if (!safeStorage || !available) return { ...fileCipher, backend: 'unavailable' };
  // Only Linux names its backend; basic_text means a hard-coded password, not a keychain.
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  const weak = backend === 'basic_text' || backend === 'unknown';
  const decryptDetailed = async (data: Uint8Array) => {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data));
    return { plain: result, shouldReEncrypt };
  };
  return {
    id: 'safe-storage',
    protection: weak ? 'file' : 'keychain',
    ...(backend ? { backend } : {}),
    encrypt: async (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (data) => (await decryptDetailed(data)).plain,
    decryptDetailed,
  };
}
