// electron-builder.yml and package.json are checked the way electron-builder reads them — its
// own loader and schema validation, and the deb target's own metadata check — so a typo or a
// missing homepage fails `npm test` here rather than at the end of `npm run dist`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

type Config = Record<string, unknown> & {
  appId?: string; productName?: string; files?: Array<string | { filter?: string[] }>; asarUnpack?: string[]; npmRebuild?: boolean;
  win?: { target?: unknown; icon?: string }; linux?: { target?: unknown; icon?: string; maintainer?: string; vendor?: string };
};
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>;
  validateConfiguration(config: Config, logger: unknown): Promise<void>;
}
const configModule = require(path.join(path.dirname(require.resolve('app-builder-lib')), 'util', 'config', 'config.js')) as ConfigModule;
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** The slice of app-builder-lib the deb check needs (its public types do not export these). */
interface PackagerLike {
  validateConfig(): Promise<void>;
  _appInfo: unknown;
  tempDirManager: { cleanup(): Promise<void> };
}
interface FpmMeta { name: string; maintainer: string; url: string; vendor: string }
const lib = path.dirname(require.resolve('app-builder-lib'));
const { Packager, Platform } = require(lib) as {
  Packager: new (options: { projectDir: string; config: string; targets: unknown }) => PackagerLike;
  Platform: { LINUX: { createTarget(name: string): unknown } };
};
const { AppInfo } = require(path.join(lib, 'appInfo.js')) as { AppInfo: new (packager: PackagerLike, version: null) => unknown };
const { LinuxPackager } = require(path.join(lib, 'linuxPackager.js')) as { LinuxPackager: new (packager: PackagerLike) => unknown };
const { LinuxTargetHelper } = require(path.join(lib, 'targets', 'LinuxTargetHelper.js')) as { LinuxTargetHelper: new (packager: unknown) => unknown };
const FpmTarget = (require(path.join(lib, 'targets', 'FpmTarget.js')) as { default: new (name: string, packager: unknown, helper: unknown, outDir: string) => { computeFpmMetaInfoOptions(): Promise<FpmMeta> } }).default;

/** What the deb target computes from package.json and the config before it calls fpm. */
async function debMetadata(): Promise<FpmMeta> {
  const packager = new Packager({ projectDir: root, config: path.join(root, 'electron-builder.yml'), targets: Platform.LINUX.createTarget('deb') });
  try {
    await packager.validateConfig();
    packager._appInfo = new AppInfo(packager, null);
    const linux = new LinuxPackager(packager);
    return await new FpmTarget('deb', linux, new LinuxTargetHelper(linux), os.tmpdir()).computeFpmMetaInfoOptions();
  } finally {
    await packager.tempDirManager.cleanup();
  }
}

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
    expect(config.asarUnpack).toEqual(['.electron-native/**/*.node']); // the addon the app opens
    expect(config.npmRebuild).toBe(false); // never rebuild node_modules in place (see installer-contents.test.ts)
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.icon).toBe('build/icons/256x256.png');
    expect(config.linux?.icon).toBe('build/icons');
  });

  it('gives the deb target the homepage and maintainer it needs (its own check, as `npm run dist` runs it)', async () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { homepage?: string; author?: { name: string; email: string } };
    const meta = await debMetadata();
    expect(meta.url).toBe(pkg.homepage);
    expect(meta.url).toMatch(/^https:\/\/[^/]+/);
    expect(meta.maintainer).toMatch(/^[^<>]+ <[^@<>\s]+@[^@<>\s]+>$/);
    expect(meta.vendor).toBe('Order Webhook Hub');
    expect(pkg.author?.email).toMatch(/@/); // electron-builder's fallback maintainer, and the AppImage's
  });
});
