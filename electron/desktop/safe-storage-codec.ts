// Secrets at rest through the OS keychain (Electron's safeStorage: DPAPI, Keychain, libsecret).
// Encoded values are `safe:` + base64; values without the prefix are plain ones written by the
// headless hub or an older run, read as they are so the hub can re-write them encrypted.
import type { SecretCodec } from '../hub/hub-types.ts';
import { ENCRYPTED_PREFIX as SAFE_STORAGE_PREFIX, plainCodec } from '../hub/settings/settings-store.ts';

export { SAFE_STORAGE_PREFIX };

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

/** Plain text on disk; refuses `safe:` values (the core's plain codec). */
export const guardedPlainCodec: SecretCodec = plainCodec;

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
