import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesktopArgs, relaunchArgs } from '../../electron/desktop/desktop-args.ts';
import { isOwnRendererUrl, rendererLocation } from '../../electron/desktop/renderer-location.ts';
import { devServerCsp, RENDERER_CSP } from '../../shared/content-security-policy.ts';
import { electronNativeBinding, pickNativeBinding } from '../../electron/desktop/native-binding.ts';

describe('desktop args', () => {
  it('reads the same switches as npm run serve, among Electron\'s own', () => {
    const args = parseDesktopArgs(['/usr/lib/electron', '.', '--no-sandbox', '--data-dir', 'store-data', '--ingest-port=0', '--ingest-host', '127.0.0.1'], '/home/pos');
    expect(args).toEqual({ dataDir: path.resolve('/home/pos', 'store-data'), ingestHost: '127.0.0.1', ingestPort: 0, hidden: false });
    expect(parseDesktopArgs(['app.exe', '--hidden', '--data-dir=/srv/hub']).dataDir).toBe(path.resolve('/srv/hub'));
    expect(parseDesktopArgs(['app.exe']).dataDir).toBeNull();
    expect(() => parseDesktopArgs(['app', '--ingest-port', 'http'])).toThrow(/port/);
  });

  it('repeats the data folder and ports when the OS starts the app at login', () => {
    expect(relaunchArgs(parseDesktopArgs(['x', '--data-dir', '/srv/hub', '--ingest-port', '9000']))).toEqual(['--hidden', '--data-dir', '/srv/hub', '--ingest-port', '9000']);
    expect(relaunchArgs(parseDesktopArgs(['x']))).toEqual(['--hidden']);
  });
});

describe('renderer location and trusted frames', () => {
  const built = rendererLocation('/opt/hub/resources/app.asar', undefined, true);

  it('loads the built renderer from disk, and trusts only that file (any #route)', () => {
    expect(built.url).toBe('file:///opt/hub/resources/app.asar/dist/renderer/index.html');
    expect(built.devOrigin).toBeNull();
    expect(isOwnRendererUrl('file:///opt/hub/resources/app.asar/dist/renderer/index.html#/deliveries', built)).toBe(true);
    for (const other of [
      'file:///opt/hub/resources/app.asar/dist/renderer/other.html',
      'file:///tmp/index.html',
      'file:///opt/hub/resources/app.asar/dist/renderer/index.html?x=1',
      'https://partner.example/index.html',
      'http://127.0.0.1:5173/',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
      '',
    ]) expect(isOwnRendererUrl(other, built)).toBe(false);
  });

  it('uses the Vite dev server only when not packaged, trusting its origin alone', () => {
    const dev = rendererLocation('/work/app', 'http://127.0.0.1:5173', false);
    expect(dev).toEqual({ url: 'http://127.0.0.1:5173/', devOrigin: 'http://127.0.0.1:5173' });
    expect(isOwnRendererUrl('http://127.0.0.1:5173/#/integration-hub', dev)).toBe(true);
    expect(isOwnRendererUrl('http://127.0.0.1:5174/', dev)).toBe(false);
    expect(isOwnRendererUrl('file:///work/app/dist/renderer/index.html', dev)).toBe(false);
    expect(rendererLocation('/work/app', 'http://127.0.0.1:5173', true).devOrigin).toBeNull();
    expect(() => rendererLocation('/work/app', 'file:///etc/passwd', false)).toThrow(/http/);
  });
});

describe('renderer location on Windows', () => {
  // app.getAppPath() as Node spells it when the working folder was typed with a lowercase drive.
  const built = rendererLocation('c:\\Users\\Dana\\Order Webhook Hub\\résumé\\resources\\app.asar', undefined, true, 'win32');
  const chromium = 'file:///C:/Users/Dana/Order%20Webhook%20Hub/r%C3%A9sum%C3%A9/resources/app.asar/dist/renderer/index.html';

  it('builds a file URL from a Windows path', () => {
    expect(built.url).toBe('file:///c:/Users/Dana/Order%20Webhook%20Hub/r%C3%A9sum%C3%A9/resources/app.asar/dist/renderer/index.html');
  });

  it('trusts the URL Chromium reports for that page: upper-case drive letter, other escapes, a trailing slash', () => {
    expect(isOwnRendererUrl(chromium, built)).toBe(true);
    expect(isOwnRendererUrl(`${chromium}#/integration-hub/order-webhook`, built)).toBe(true);
    expect(isOwnRendererUrl(chromium.replace('%C3%A9', '%c3%a9').replace('%C3%A9', 'é'), built)).toBe(true);
    expect(isOwnRendererUrl(chromium.replace('C:', 'C|'), built)).toBe(true);
    expect(isOwnRendererUrl(`${chromium}/`, built)).toBe(true);
    expect(isOwnRendererUrl(chromium.replaceAll('/', '\\').replace('file:\\\\\\', 'file:///'), built)).toBe(true);
  });

  it('still refuses every other file, drive, host or query', () => {
    for (const other of [
      chromium.replace('C:', 'D:'),
      chromium.replace('index.html', 'other.html'),
      chromium.replace('Dana', 'dana'),
      chromium.replace('file:///', 'file://fileserver/'),
      `${chromium}?x=1`,
      chromium.replace('%20', '%2F'),
      'file:///C:/Users/Dana/Order%20Webhook%20Hub/r%C3%A9sum%C3%A9/resources/app.asar/dist/renderer/%E0%A4%A',
    ]) expect(isOwnRendererUrl(other, built)).toBe(false);
  });

  it('works for an app on a network share (UNC path)', () => {
    const unc = rendererLocation('\\\\Store-PC\\apps\\hub', undefined, true, 'win32');
    expect(isOwnRendererUrl('file://store-pc/apps/hub/dist/renderer/index.html', unc)).toBe(true);
    expect(isOwnRendererUrl('file://other-pc/apps/hub/dist/renderer/index.html', unc)).toBe(false);
  });
});

describe('content security policy', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

  it('the renderer policy allows only its own files: no inline or eval script, no remote hosts', () => {
    const policy = directives(RENDERER_CSP);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(policy.has('frame-ancestors')).toBe(false); // ignored (with a warning) in a <meta> tag
  });

  it('the dev server policy adds only what Vite needs: its inline preamble and HMR socket', () => {
    const policy = directives(devServerCsp('http://127.0.0.1:5173'));
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5173']);
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(devServerCsp('http://127.0.0.1:5173')).not.toMatch(/unsafe-eval/);
  });
});

describe('native binding', () => {
  it('points at .electron-native/<electron version>/ in the app folder, in development and packaged alike', () => {
    expect(electronNativeBinding('/work/app', '41.7.1')).toBe(path.join('/work/app', '.electron-native', '41.7.1', 'better_sqlite3.node'));
    expect(electronNativeBinding('/opt/hub/resources/app.asar', '41.7.1')).toBe(path.join('/opt/hub/resources/app.asar', '.electron-native', '41.7.1', 'better_sqlite3.node'));
    expect(() => pickNativeBinding('/nonexistent', '41.7.1')).toThrow(/npm start/);
  });
});
