// Settings and tokens, persisted in electron-store's format (conf on config.json in the data
// folder, readable only by the user). Secrets pass through the SecretCodec on their way to disk.
import Conf from 'conf';
import { randomBytes } from 'node:crypto';
import { DEFAULT_SETTINGS, type StoredSettings } from '../../../shared/settings.ts';
import type { SecretCodec } from '../hub-types.ts';

interface ConfigFile {
  settings: StoredSettings;
  posToken: string;
  adminToken: string;
  secretCodec: string;
}

/** How the desktop app marks a secret it encrypted with the OS keychain. */
export const ENCRYPTED_PREFIX = 'safe:';

/** Plain text on disk; refuses keychain-encrypted values instead of using ciphertext as a secret. */
export const plainCodec: SecretCodec = {
  kind: 'plain',
  encode: (plain) => plain,
  decode(stored) {
    if (stored.startsWith(ENCRYPTED_PREFIX)) {
      throw new Error('Secrets in config.json were encrypted with the OS keychain by the desktop app, which is not available here. ' +
        'Start the desktop app (or unlock the keychain as the user who set up the hub) and try again.');
    }
    return stored;
  },
};

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface SettingsStore {
  get(): StoredSettings;
  save(next: StoredSettings): void;
  readonly posToken: string;
  readonly adminToken: string;
  regeneratePosToken(): string;
}

export function openSettingsStore(dataDir: string, codec: SecretCodec, presets: { posToken?: string; adminToken?: string }): SettingsStore {
  const conf = new Conf<ConfigFile>({ cwd: dataDir, configName: 'config', configFileMode: 0o600, clearInvalidConfig: false });
  const read = (stored: string | null | undefined) => (stored ? codec.decode(stored) : stored ?? null);
  const write = (plain: string | null) => (plain ? codec.encode(plain) : plain);

  const raw = conf.get('settings') as StoredSettings | undefined;
  let current: StoredSettings = raw
    ? {
        ...DEFAULT_SETTINGS,
        ...raw,
        requestHeader: { name: raw.requestHeader?.name ?? '', value: read(raw.requestHeader?.value) ?? '' },
        signingSecret: read(raw.signingSecret),
        previousSigningSecret: read(raw.previousSigningSecret),
      }
    : structuredClone(DEFAULT_SETTINGS);

  function persist(settings: StoredSettings) {
    conf.set('settings', {
      ...settings,
      requestHeader: { name: settings.requestHeader.name, value: write(settings.requestHeader.value) ?? '' },
      signingSecret: write(settings.signingSecret),
      previousSigningSecret: write(settings.previousSigningSecret),
    });
  }

  let posToken = presets.posToken ?? read(conf.get('posToken')) ?? generateToken();
  const adminToken = presets.adminToken ?? read(conf.get('adminToken')) ?? generateToken();
  conf.set('posToken', write(posToken)!);
  conf.set('adminToken', write(adminToken)!);
  // Secrets written in plain by an older run (or headless) are re-written through the codec.
  if (conf.get('secretCodec') !== codec.kind) {
    persist(current);
    conf.set('secretCodec', codec.kind);
  }

  return {
    get: () => current,
    save(next) {
      persist(next);
      current = next;
    },
    get posToken() { return posToken; },
    adminToken,
    regeneratePosToken() {
      posToken = generateToken();
      conf.set('posToken', write(posToken)!);
      return posToken;
    },
  };
}
