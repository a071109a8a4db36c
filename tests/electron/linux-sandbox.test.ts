// The Linux sandbox check that runs before Electron (npm start) and at the AppImage's start, on
// real files: a /proc tree of the test's own (as Ubuntu 23.10+, Debian with namespaces off, or a
// plain kernel has it), a chrome-sandbox helper with real owner and mode bits, and an AppArmor
// profile folder.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appImageWithoutSandbox, sandboxProblem } from '../../electron/desktop/linux-sandbox.ts';

let dir: string;
let procRoot: string;
let appArmorDir: string;
let electronBinary: string;
const USER = 1000;

function kernel(settings: Record<string, string>): void {
  for (const [file, value] of Object.entries(settings)) {
    mkdirSync(path.dirname(path.join(procRoot, file)), { recursive: true });
    writeFileSync(path.join(procRoot, file), `${value}\n`);
  }
}

function helper(mode: number, uid = 0): string {
  const file = path.join(path.dirname(electronBinary), 'chrome-sandbox');
  writeFileSync(file, '');
  chownSync(file, uid, 0);
  chmodSync(file, mode);
  return file;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'linux-sandbox-'));
  procRoot = path.join(dir, 'proc');
  appArmorDir = path.join(dir, 'apparmor.d');
  mkdirSync(appArmorDir, { recursive: true });
  electronBinary = path.join(dir, 'app', 'node_modules', 'electron', 'dist', 'electron');
  mkdirSync(path.dirname(electronBinary), { recursive: true });
  writeFileSync(electronBinary, '');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const probe = (extra: Partial<Parameters<typeof sandboxProblem>[0]> = {}) =>
  sandboxProblem({ electronBinary, platform: 'linux', uid: USER, procRoot, appArmorDir, ...extra });

describe('sandboxProblem (npm start)', () => {
  it('Ubuntu 24.04 with the helper as npm installs it: one line saying what to do', () => {
    kernel({ 'sys/kernel/apparmor_restrict_unprivileged_userns': '1' });
    const sandbox = helper(0o755, USER);
    const problem = probe();
    expect(problem).not.toBeNull();
    expect(problem).not.toContain('\n');
    expect(problem).toContain('kernel.apparmor_restrict_unprivileged_userns=1');
    expect(problem).toContain(`sudo chown root:root '${sandbox}' && sudo chmod 4755 '${sandbox}'`);
    expect(problem).toContain('.deb');
    expect(problem).toContain('npm run serve');
  });

  it('a root-owned helper that is not setuid, or a setuid one owned by the user, is still refused', () => {
    kernel({ 'sys/kernel/apparmor_restrict_unprivileged_userns': '1' });
    helper(0o755, 0);
    expect(probe()).not.toBeNull();
    helper(0o4755, USER);
    expect(probe()).not.toBeNull();
  });

  it('starts when the SUID helper is set up (root-owned, 4755)', () => {
    kernel({ 'sys/kernel/apparmor_restrict_unprivileged_userns': '1' });
    helper(0o4755, 0);
    expect(probe()).toBeNull();
  });

  it('starts when an AppArmor profile lets this Electron create user namespaces', () => {
    kernel({ 'sys/kernel/apparmor_restrict_unprivileged_userns': '1' });
    helper(0o755, USER);
    writeFileSync(path.join(appArmorDir, 'unrelated'), 'profile other /usr/bin/other { userns, }\n');
    expect(probe()).not.toBeNull();
    writeFileSync(path.join(appArmorDir, 'electron-dev'), `abi <abi/4.0>,\ninclude <tunables/global>\nprofile electron-dev "${electronBinary}" flags=(unconfined) {\n  userns,\n}\n`);
    expect(probe()).toBeNull();
  });

  it('a kernel with unprivileged user namespaces turned off gets its own reason', () => {
    kernel({ 'sys/kernel/unprivileged_userns_clone': '0' });
    helper(0o755, USER);
    expect(probe()).toContain('kernel.unprivileged_userns_clone=0');
    rmSync(procRoot, { recursive: true });
    kernel({ 'sys/user/max_user_namespaces': '0' });
    expect(probe()).toContain('user.max_user_namespaces=0');
  });

  it('says nothing where the sandbox works: no restriction, an older kernel, root, other systems', () => {
    helper(0o755, USER);
    expect(probe()).toBeNull(); // no /proc files at all: a kernel without these switches
    kernel({ 'sys/kernel/apparmor_restrict_unprivileged_userns': '0', 'sys/kernel/unprivileged_userns_clone': '1', 'sys/user/max_user_namespaces': '63000' });
    expect(probe()).toBeNull();
    kernel({ 'sys/kernel/apparmor_restrict_unprivileged_userns': '1' });
    expect(probe({ uid: 0 })).toBeNull();
    expect(probe({ platform: 'win32' })).toBeNull();
    expect(probe({ platform: 'darwin' })).toBeNull();
  });
});

describe('appImageWithoutSandbox', () => {
  // electron-builder 26's AppRun adds --no-sandbox by itself when `unshare -Ur true` fails.
  const appImage = (extra: Partial<Parameters<typeof appImageWithoutSandbox>[0]> = {}) => appImageWithoutSandbox({
    env: { APPIMAGE: '/home/dana/Order-Webhook-Hub-0.1.0.AppImage' }, noSandboxSwitch: true,
    electronBinary, platform: 'linux', uid: USER, procRoot, appArmorDir, ...extra,
  });

  it('refuses, in one line, to run silently unsandboxed on Ubuntu 24.04', () => {
    kernel({ 'sys/kernel/apparmor_restrict_unprivileged_userns': '1' });
    helper(0o4755, 0); // root-owned in the squashfs, but the AppImage mount is nosuid
    const problem = appImage();
    expect(problem).not.toBeNull();
    expect(problem).not.toContain('\n');
    expect(problem).toContain('.deb');
    expect(problem).toContain('AppArmor profile');
    expect(problem).toContain('administrator');
    expect(problem).not.toContain('chmod'); // a mounted AppImage can't be fixed that way
  });

  it('is quiet when the sandbox is on, outside an AppImage, with an explicit HUB_ALLOW_NO_SANDBOX, or without the restriction', () => {
    kernel({ 'sys/kernel/apparmor_restrict_unprivileged_userns': '1' });
    expect(appImage({ noSandboxSwitch: false })).toBeNull();
    expect(appImage({ env: {} })).toBeNull();
    expect(appImage({ env: { APPIMAGE: '/x.AppImage', HUB_ALLOW_NO_SANDBOX: '1' } })).toBeNull();
    kernel({ 'sys/kernel/apparmor_restrict_unprivileged_userns': '0' });
    expect(appImage()).toBeNull();
  });
});
