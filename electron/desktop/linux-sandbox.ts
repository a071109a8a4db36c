// Whether Chromium's sandbox can start on this Linux machine, read from /proc before Electron
// launches, so the app says in one line what to do instead of aborting. Ubuntu 23.10+ (AppArmor's
// kernel.apparmor_restrict_unprivileged_userns=1) and kernels with unprivileged user namespaces
// off leave Chromium only its SUID helper, chrome-sandbox, which must then be root-owned with mode
// 4755 — never so in node_modules, and never usable in a mounted AppImage (nosuid). An AppArmor
// profile that grants `userns` to the binary (the .deb installs one) also makes it work.
// The sandbox is never turned off here. No `electron` import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SandboxProbeOptions {
  /** The Electron executable that would run; chrome-sandbox sits beside it. */
  electronBinary: string;
  /** Running from a mounted AppImage, where the SUID helper cannot work. */
  appImage?: boolean;
  platform?: NodeJS.Platform;
  uid?: number;
  procRoot?: string;
  appArmorDir?: string;
}

interface Restriction {
  setting: string;
  appArmor: boolean;
}

const SWITCHES: Array<{ file: string; setting: string; blocks: string; appArmor: boolean }> = [
  { file: 'sys/kernel/apparmor_restrict_unprivileged_userns', setting: 'kernel.apparmor_restrict_unprivileged_userns', blocks: '1', appArmor: true },
  { file: 'sys/kernel/unprivileged_userns_clone', setting: 'kernel.unprivileged_userns_clone', blocks: '0', appArmor: false },
  { file: 'sys/user/max_user_namespaces', setting: 'user.max_user_namespaces', blocks: '0', appArmor: false },
];

function readSetting(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null; // an older kernel without this switch
  }
}

function restriction(procRoot: string): Restriction | null {
  for (const { file, setting, blocks, appArmor } of SWITCHES) {
    const value = readSetting(path.join(procRoot, file));
    if (value === blocks) return { setting: `${setting}=${value}`, appArmor };
  }
  return null;
}

function suidHelperReady(sandbox: string): boolean {
  try {
    const stat = statSync(sandbox);
    return stat.uid === 0 && (stat.mode & 0o4000) !== 0 && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** A profile in /etc/apparmor.d naming this binary and granting `userns` (as the .deb's does). */
function profileAllowsUserns(appArmorDir: string, binary: string): boolean {
  let names: string[];
  try {
    names = readdirSync(appArmorDir);
  } catch {
    return false;
  }
  return names.some((name) => {
    try {
      const file = path.join(appArmorDir, name);
      if (!statSync(file).isFile()) return false;
      const text = readFileSync(file, 'utf8');
      return text.includes(binary) && /^\s*userns\s*,/m.test(text);
    } catch {
      return false;
    }
  });
}

/** Null when the sandbox can start; otherwise one line: why not, and what to do. */
export function sandboxProblem(options: SandboxProbeOptions): string | null {
  const { electronBinary, appImage = false, platform = process.platform, uid = process.getuid?.() ?? -1 } = options;
  // Root creates namespaces freely (and Chromium wants --no-sandbox there anyway).
  if (platform !== 'linux' || uid === 0) return null;
  const blocked = restriction(options.procRoot ?? '/proc');
  if (!blocked) return null;
  const sandbox = path.join(path.dirname(electronBinary), 'chrome-sandbox');
  if (!appImage && suidHelperReady(sandbox)) return null;
  if (blocked.appArmor && profileAllowsUserns(options.appArmorDir ?? '/etc/apparmor.d', electronBinary)) return null;

  const cause = blocked.appArmor
    ? `Ubuntu's AppArmor blocks the unprivileged user namespaces Chromium's sandbox needs (${blocked.setting})`
    : `this kernel has the unprivileged user namespaces Chromium's sandbox needs turned off (${blocked.setting})`;
  const fix = appImage
    ? `install the .deb package instead (it ships an AppArmor profile that allows the sandbox), or have an administrator allow unprivileged user namespaces (README, "Desktop app")`
    : `allow the sandbox for this Electron: sudo chown root:root '${sandbox}' && sudo chmod 4755 '${sandbox}' — or install the .deb package (it ships an AppArmor profile), or run the hub headless with npm run serve`;
  return `Chromium's sandbox can't start: ${cause}. To fix it, ${fix}.`;
}

export interface AppImageProbeOptions extends Omit<SandboxProbeOptions, 'appImage'> {
  env: NodeJS.ProcessEnv;
  /** --no-sandbox is on the command line. */
  noSandboxSwitch: boolean;
}

/**
 * electron-builder's AppImage launcher (AppRun) adds --no-sandbox by itself when it finds user
 * namespaces blocked. Then the app must say so and stop rather than run unsandboxed silently;
 * HUB_ALLOW_NO_SANDBOX=1 is the explicit way to accept it.
 */
export function appImageWithoutSandbox(options: AppImageProbeOptions): string | null {
  const { env, noSandboxSwitch, ...probe } = options;
  if (!env.APPIMAGE || !noSandboxSwitch || env.HUB_ALLOW_NO_SANDBOX === '1') return null;
  return sandboxProblem({ ...probe, appImage: true });
}
