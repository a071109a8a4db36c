// Secrets at rest through the OS keychain (Electron's safeStorage: DPAPI, Keychain, libsecret).
// Encoded values are `safe:` + base64; values without the prefix are plain ones written by the
// headless hub or an older run, read as they are so the hub can re-write them encrypted.
import type { SecretCodec } from '../hub/hub-types.ts';

export const SAFE_STORAGE_PREFIX = 'safe:';

/** The part of Electron's `safeStorage` the codec uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring backs the encryption. */
  getSelectedStorageBackend?(): string;
}

export function createSafeStorageCodec(safeStorage: SafeStorageLike): SecretCodec {
  return {
    kind: 'safe-storage',
    encode: (plain) => SAFE_STORAGE_PREFIX + safeStorage.encryptString(plain).toString('base64'),
    decode(stored) {
      if (!stored.startsWith(SAFE_STORAGE_PREFIX)) return stored;
      try {
        return safeStorage.decryptString(Buffer.from(stored.slice(SAFE_STORAGE_PREFIX.length), 'base64'));
      } catch {
        throw new Error('A secret in config.json could not be decrypted with this user\'s keychain (was the data folder copied from another user or machine?). Restore config.json for this user, or move it aside to start with fresh settings (hub.db and its queued orders are kept).');
      }
    },
  };
}

/** Plain text on disk, but refuses `safe:` values instead of handing ciphertext to the hub as a secret. */
export const guardedPlainCodec: SecretCodec = {
  kind: 'plain',
  encode: (plain) => plain,
  decode(stored) {
    if (stored.startsWith(SAFE_STORAGE_PREFIX)) {
      throw new Error('Secrets in config.json were encrypted with the OS keychain, which is not available now. Unlock the keychain (or log in as the user who set up the hub) and start again.');
    }
    return stored;
  },
};

/**
 * The codec to hand the hub. On Linux `basic_text` is a hard-coded key (no protection, and a trap
 * if a keyring appears later), so it counts as no keychain: secrets then stay plain, in a file
 * only the user can read.
 */
export function pickSecretCodec(safeStorage: SafeStorageLike): SecretCodec {
  if (!safeStorage.isEncryptionAvailable()) return guardedPlainCodec;
  if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') return guardedPlainCodec;
  return createSafeStorageCodec(safeStorage);
}
