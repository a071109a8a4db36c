import { describe, expect, it } from 'vitest';
import { createSafeStorageCodec, guardedPlainCodec, pickSecretCodec, SAFE_STORAGE_PREFIX, type SafeStorageLike } from '../../electron/desktop/safe-storage-codec.ts';

/** Stands in for Electron's safeStorage: a reversible scramble tied to one "keychain". */
function fakeSafeStorage(options: { available?: boolean; backend?: string; key?: number } = {}): SafeStorageLike {
  const key = options.key ?? 0x5a;
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ key)]),
    decryptString(encrypted) {
      if (encrypted.subarray(0, 3).toString() !== 'v10' || key !== 0x5a) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(3).map((b) => b ^ key)).toString('utf8');
    },
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend! } : {}),
  };
}

describe('safe-storage codec', () => {
  const codec = createSafeStorageCodec(fakeSafeStorage());

  it('round-trips secrets, stored as safe: + base64 with no plain text on disk', () => {
    for (const secret of ['s3cr3t-api-key', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'ünïcødé ✓', '']) {
      const stored = codec.encode(secret);
      expect(stored.startsWith(SAFE_STORAGE_PREFIX)).toBe(true);
      expect(stored.slice(SAFE_STORAGE_PREFIX.length)).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      if (secret) expect(stored).not.toContain(secret);
      expect(codec.decode(stored)).toBe(secret);
    }
    expect(codec.kind).toBe('safe-storage');
  });

  it('reads plain values as they are, so the hub can migrate them through the codec', () => {
    expect(codec.decode('plain-token-from-headless')).toBe('plain-token-from-headless');
  });

  it('fails clearly, without echoing the value, when the keychain cannot decrypt', () => {
    const other = createSafeStorageCodec(fakeSafeStorage({ key: 0x11 }));
    const stored = codec.encode('top-secret');
    expect(() => other.decode(stored)).toThrow(/could not be decrypted/);
    expect(() => other.decode(stored)).not.toThrow(/top-secret/);
  });

  it('is used only with a real keychain; otherwise secrets stay plain but encrypted ones are refused', () => {
    expect(pickSecretCodec(fakeSafeStorage()).kind).toBe('safe-storage');
    expect(pickSecretCodec(fakeSafeStorage({ backend: 'gnome_libsecret' })).kind).toBe('safe-storage');
    expect(pickSecretCodec(fakeSafeStorage({ available: false }))).toBe(guardedPlainCodec);
    expect(pickSecretCodec(fakeSafeStorage({ backend: 'basic_text' }))).toBe(guardedPlainCodec);
    expect(guardedPlainCodec.encode('abc')).toBe('abc');
    expect(guardedPlainCodec.decode('abc')).toBe('abc');
    expect(() => guardedPlainCodec.decode(codec.encode('abc'))).toThrow(/keychain/);
  });
});
