// config.json: the partners' pages, the Monitoring page, the two tokens and the hub's id, in electron-store's format
// (conf, file mode 0600). The file is checked before it is trusted (config-file.ts), changes shape
// through conf's versioned migrations, and every write is made durable (the folder is fsynced after
// conf's rename). Secrets pass through the SecretCodec on their way to disk.
import Conf from 'conf';
import path from 'node:path';
import type { StoredPartner } from '../../../shared/partners.ts';
import type { StoredMonitoring } from '../../../shared/monitoring.ts';
import type { SecretCodec } from '../hub-types.ts';
import { syncRenamed } from '../durable-file.ts';
import {
  CONFIG_VERSION, ConfigFileError, ENCRYPTED_PREFIX, checkConfig, formatVersionOf, generateToken, isSinglePageFile, parseConfigText, readConfigFile, upgradeFromSingle,
  type ConfigFile,
} from './config-file.ts';

export { ENCRYPTED_PREFIX, generateToken };

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

export interface SettingsStore {
  readonly hubId: string;
  /** The partners in the order they were added; the first one is `/api/settings`. */
  partners(): readonly StoredPartner[];
  /** Replaces the partner list (and the next id number) on disk, durably, then in memory. */
  savePartners(next: readonly StoredPartner[], nextPartnerNumber?: number): void;
  readonly nextPartnerNumber: number;
  /** The Monitoring page (contract §8). */
  monitoring(): StoredMonitoring;
  /** Replaces the Monitoring page on disk, durably, then in memory. */
  saveMonitoring(next: StoredMonitoring): void;
  readonly posToken: string;
  readonly adminToken: string;
  regeneratePosToken(): string;
}

export interface StoreOptions {
  codec: SecretCodec;
  /** HUB_POS_TOKEN / HUB_ADMIN_TOKEN: used only where no token is stored yet, so a regenerated one survives restarts. */
  presets?: { posToken?: string; adminToken?: string };
  /** Repairs made to a damaged file, in words. */
  onRepair?: (repair: string) => void;
}

const SECRET_FIELDS = ['signingSecret', 'previousSigningSecret'] as const;

/** A page's secrets (header value, signing secrets) through `map`: a partner's or the Monitoring page. */
function mapSecrets<Page extends StoredPartner | StoredMonitoring>(page: Page, map: (value: string) => string): Page {
  const secret = (value: string | null) => (value ? map(value) : value);
  return {
    ...page,
    requestHeader: { name: page.requestHeader.name, value: secret(page.requestHeader.value) ?? '' },
    ...Object.fromEntries(SECRET_FIELDS.map((key) => [key, secret(page[key])])),
  };
}

function newerThanThisBuild(version: string): boolean {
  const parts = (v: string) => v.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const [a, b] = [parts(version), parts(CONFIG_VERSION)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

export function openSettingsStore(dataDir: string, options: StoreOptions): SettingsStore {
  const { codec } = options;
  const file = path.join(dataDir, 'config.json');
  const raw = readConfigFile(file);
  const version = raw ? formatVersionOf(raw) : null;
  if (version && newerThanThisBuild(version)) {
    throw new ConfigFileError(`The settings file config.json (${file}) was written by a newer version of Order Webhook Hub (format ${version}). ` +
      'Install that version again; this one did not touch the file.');
  }
  const stored = (key: 'posToken' | 'adminToken') => typeof raw?.[key] === 'string' && (raw[key] as string).trim() !== '';
  const presets = options.presets ?? {};
  const checked = checkConfig(upgradeFromSingle(raw ?? {}, file), file, { fromSingle: raw !== null && isSinglePageFile(raw) });
  // Decode every secret before anything is written: a file this runtime can't read stays as it is.
  const decoded: ConfigFile = {
    ...checked.config,
    partners: checked.config.partners.map((p) => mapSecrets(p, codec.decode)),
    monitoring: mapSecrets(checked.config.monitoring, codec.decode),
    posToken: stored('posToken') ? codec.decode(checked.config.posToken) : presets.posToken || checked.config.posToken,
    adminToken: stored('adminToken') ? codec.decode(checked.config.adminToken) : presets.adminToken || checked.config.adminToken,
  };
  for (const repair of checked.repairs) options.onRepair?.(repair);

  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir, configName: 'config', configFileMode: 0o600, clearInvalidConfig: false,
    projectVersion: CONFIG_VERSION, deserialize: (text) => parseConfigText(text) as Record<string, unknown>,
    migrations: { '0.2.0': (store) => { store.store = upgradeFromSingle(store.store, file); } },
  });
  let current = decoded;

  function persist(next: ConfigFile) {
    conf.set({
      hubId: next.hubId,
      posToken: codec.encode(next.posToken),
      adminToken: codec.encode(next.adminToken),
      partners: next.partners.map((p) => mapSecrets(p, codec.encode)),
      nextPartnerNumber: next.nextPartnerNumber,
      monitoring: mapSecrets(next.monitoring, codec.encode),
      secretCodec: codec.kind,
    });
    syncRenamed(conf.path); // conf renamed the new file into place: make the new name durable (Windows: flush the file)
    current = next;
  }

  // Written at start only when something differs from the file: a first run, a repair, a 0.1.0
  // file's new shape, or secrets to re-encode for this runtime (plain → keychain).
  const needsWrite = raw === null || checked.repairs.length > 0 || isSinglePageFile(raw) || raw.secretCodec !== codec.kind ||
    !stored('posToken') || !stored('adminToken') || raw.hubId !== decoded.hubId || raw.nextPartnerNumber !== decoded.nextPartnerNumber;
  if (needsWrite) persist(decoded);

  return {
    get hubId() { return current.hubId; },
    partners: () => current.partners,
    get nextPartnerNumber() { return current.nextPartnerNumber; },
    savePartners(next, nextPartnerNumber = current.nextPartnerNumber) {
      persist({ ...current, partners: [...next], nextPartnerNumber });
    },
    monitoring: () => current.monitoring,
    saveMonitoring(next) {
      persist({ ...current, monitoring: next });
    },
    get posToken() { return current.posToken; },
    get adminToken() { return current.adminToken; },
    regeneratePosToken() {
      persist({ ...current, posToken: generateToken() });
      return current.posToken;
    },
  };
}
