// The browser finder's order (CHROMIUM_PATH, system, Playwright's, the packaged Chromium) and its
// one-line failure, with the machine faked at its edge: which files are executable, what the
// packaged Chromium unpacks to. One test runs the real probes against this machine.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BrowserNotFoundError, COMMON_ARGS, findBrowser, INSTALL_HINT, isExecutableFile, systemCandidates, type BrowserProbes } from './find-browser.ts';

const PACKAGED = '/tmp/chromium';
const PLAYWRIGHT = '/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

function machine(executables: string[], overrides: Partial<BrowserProbes> = {}): BrowserProbes {
  const present = new Set(executables);
  return {
    env: { PATH: '/usr/local/bin:/usr/bin', HOME: '/home/dev' },
    platform: 'linux',
    arch: 'x64',
    isExecutable: (path) => present.has(path),
    playwrightPath: async () => PLAYWRIGHT,
    packaged: vi.fn(async () => ({ executablePath: PACKAGED, args: ['--single-process', '--disable-web-security', '--allow-running-insecure-content', '--no-sandbox', "--headless='shell'"] })),
    ...overrides,
  };
}

describe('findBrowser', () => {
  it('takes CHROMIUM_PATH first, even with a system Chromium present', async () => {
    const probes = machine(['/opt/my/chrome', '/usr/bin/chromium'], { env: { CHROMIUM_PATH: '/opt/my/chrome' } });
    expect(await findBrowser(probes)).toEqual({ executablePath: '/opt/my/chrome', args: COMMON_ARGS, source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that is not executable instead of quietly using another browser', async () => {
    const probes = machine(['/usr/bin/chromium'], { env: { CHROMIUM_PATH: '/opt/missing/chrome' } });
    await expect(findBrowser(probes)).rejects.toThrow('CHROMIUM_PATH=/opt/missing/chrome is not an executable file');
  });

  it('then a system Chromium or Chrome, the Debian path before one found on PATH', async () => {
    expect(await findBrowser(machine(['/usr/bin/chromium', '/usr/local/bin/google-chrome']))).toMatchObject({ executablePath: '/usr/bin/chromium', source: 'system' });
    expect(await findBrowser(machine(['/usr/local/bin/google-chrome', PLAYWRIGHT]))).toMatchObject({ executablePath: '/usr/local/bin/google-chrome', source: 'system' });
  });

  it("then Playwright's own browser, only when it was downloaded", async () => {
    const probes = machine([PLAYWRIGHT]);
    expect(await findBrowser(probes)).toMatchObject({ executablePath: PLAYWRIGHT, source: 'playwright' });
    expect(probes.packaged).not.toHaveBeenCalled();
    expect(await findBrowser(machine([]))).toMatchObject({ source: '@sparticuz/chromium' });
  });

  it('then, on Linux x64, the Chromium packaged in @sparticuz/chromium, with its flags minus the Lambda-only and page-weakening ones', async () => {
    const found = await findBrowser(machine([], { playwrightPath: async () => null }));
    expect(found.executablePath).toBe(PACKAGED);
    expect(found.source).toBe('@sparticuz/chromium');
    expect(found.args).toEqual(expect.arrayContaining(["--headless='shell'", ...COMMON_ARGS]));
    expect(found.args).not.toContain('--single-process');
    expect(found.args).not.toContain('--disable-web-security');
    expect(found.args).not.toContain('--allow-running-insecure-content');
    expect(new Set(found.args).size).toBe(found.args.length);
  });

  it('fails with one line saying what to install when nothing is found', async () => {
    for (const probes of [machine([], { packaged: async () => null }), machine([], { platform: 'linux', arch: 'arm64' }), machine([], { platform: 'darwin', arch: 'arm64' })]) {
      const failure = await findBrowser(probes).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(BrowserNotFoundError);
      expect((failure as Error).message).toBe(INSTALL_HINT);
      expect((failure as Error).message).not.toContain('\n');
    }
  });

  it('knows the usual macOS and Windows install paths', async () => {
    const mac = systemCandidates({ platform: 'darwin', env: { HOME: '/Users/dana' } });
    expect(mac).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac).toContain('/Users/dana/Applications/Chromium.app/Contents/MacOS/Chromium');
    const win = systemCandidates({ platform: 'win32', env: { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\dana\\AppData\\Local' } });
    expect(win.some((path) => path.includes('Program Files') && path.endsWith('chrome.exe'))).toBe(true);
    expect(win.some((path) => path.includes('AppData') && path.endsWith('chrome.exe'))).toBe(true);
    const chrome = await findBrowser(machine([mac[0]!], { platform: 'darwin', arch: 'arm64', env: { HOME: '/Users/dana' } }));
    expect(chrome).toMatchObject({ executablePath: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', source: 'system' });
  });
});

describe('isExecutableFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'find-browser-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts an executable regular file, not a plain file, a folder, a device or a missing path', () => {
    const script = join(dir, 'chrome');
    writeFileSync(script, '#!/bin/sh\n', { mode: 0o755 });
    const plain = join(dir, 'notes.txt');
    writeFileSync(plain, 'x', { mode: 0o644 });
    const linkToNull = join(dir, 'chromium');
    symlinkSync('/dev/null', linkToNull); // what a bind mount over /usr/bin/chromium looks like to stat
    expect(isExecutableFile(script)).toBe(true);
    expect(isExecutableFile(dir)).toBe(false);
    expect(isExecutableFile(linkToNull)).toBe(false);
    expect(isExecutableFile(join(dir, 'missing'))).toBe(false);
    expect(isExecutableFile(plain)).toBe(false);
  });
});
