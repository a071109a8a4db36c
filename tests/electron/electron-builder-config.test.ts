// electron-builder.yml is checked with electron-builder's own loader and schema validation, so a
// typo fails `npm test` here rather than on the release machine.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

type Config = Record<string, unknown> & {
  appId?: string; productName?: string; files?: Array<string | { filter?: string[] }>; asarUnpack?: string[];
  win?: { target?: unknown; icon?: string }; linux?: { target?: unknown; icon?: string };
};
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>;
  validateConfiguration(config: Config, logger: unknown): Promise<void>;
}
const configModule = require(path.join(path.dirname(require.resolve('app-builder-lib')), 'util', 'config', 'config.js')) as ConfigModule;
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function load(): Promise<Config> {
  return configModule.getConfig(root, path.join(root, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s schema validation', async () => {
    await expect(configModule.validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation is real: a misplaced option fails it', async () => {
    const config = await load();
    await expect(configModule.validateConfiguration({ ...config, win: { ...config.win, title: 'x' } as Config['win'] }, new DebugLogger(false))).rejects.toThrow(/configuration/i);
  });

  it('packages the built app with the right id, targets, icons and native addon outside the asar', async () => {
    const config = await load();
    expect(config.appId).toBe('com.orderwebhookhub.app');
    expect(config.productName).toBe('Order Webhook Hub');
    // electron-builder normalises `files` into file sets.
    const files = (config.files ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter ?? []));
    expect(files).toEqual(expect.arrayContaining(['dist/**/*', 'dist-electron/**/*', 'package.json']));
    expect(config.asarUnpack?.some((pattern) => pattern.includes('better-sqlite3') && pattern.endsWith('.node'))).toBe(true);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.icon).toBe('build/icons/256x256.png');
    expect(config.linux?.icon).toBe('build/icons');
  });
});
