// Electron entry: hosts the hub (same data folder as `npm run serve`, no admin HTTP server — the
// window reaches the hub over IPC) and wires the desktop features, one setupX() module each.
import { app, dialog, ipcMain, safeStorage, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { createHub } from './hub/create-hub.ts';
import { defaultDataDir } from './hub/data-dir.ts';
import { registerHubIpc } from './ipc/register-hub-ipc.ts';
import { takeOverStopSignals } from './stop-signals.ts';
import { parseDesktopArgs, relaunchArgs, tokenPresets } from './desktop/desktop-args.ts';
import { createDesktopLog, type DesktopLog } from './desktop/desktop-log.ts';
import { createHubShutdown, type HubShutdown } from './desktop/hub-shutdown.ts';
import { openLogDestination } from './desktop/log-file.ts';
import { loginItem } from './desktop/login-item.ts';
import { appImageWithoutSandbox } from './desktop/linux-sandbox.ts';
import { createMainWindow, showWindow } from './desktop/main-window.ts';
import { pickNativeBinding } from './desktop/native-binding.ts';
import { isOwnRendererUrl, rendererLocation, type RendererLocation } from './desktop/renderer-location.ts';
import { pickSecretCodec } from './desktop/safe-storage-codec.ts';
import { setupLifecycle } from './desktop/setup-lifecycle.ts';
import { setupNotifications } from './desktop/setup-notifications.ts';
import { setupSecurity } from './desktop/setup-security.ts';
import { setupTray } from './desktop/setup-tray.ts';
import { claimSingleInstance } from './desktop/single-instance.ts';
import { watchStats } from './desktop/stats-watch.ts';
import { trayIconNames } from './desktop/tray-icons.ts';

const APP_ID = 'com.orderwebhookhub.app';
const iconDir = path.join(import.meta.dirname, 'icons');

const args = parseDesktopArgs(process.argv);
const dataDir = args.dataDir ?? defaultDataDir();
// One folder for the hub and Electron (and the single-instance lock); Chromium's caches in a subfolder.
app.setPath('userData', dataDir);
app.setPath('sessionData', path.join(dataDir, 'chromium'));
// Windows shows notifications only for an app with an AppUserModelID (the installer's appId).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
app.enableSandbox();

let window: BrowserWindow | null = null;

function trustedSender(location: RendererLocation, target: () => BrowserWindow | null) {
  return (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    const own = target();
    return own !== null && event.sender === own.webContents && frame !== null && frame.parent === null && isOwnRendererUrl(frame.url, location);
  };
}

interface Started {
  log: DesktopLog;
  logDestination: NodeJS.WritableStream;
  shutdown: HubShutdown;
}

async function start({ log, logDestination, shutdown }: Started): Promise<void> {
  const unsandboxed = appImageWithoutSandbox({ env: process.env, noSandboxSwitch: app.commandLine.hasSwitch('no-sandbox'), electronBinary: process.execPath });
  if (unsandboxed) throw new Error(unsandboxed);
  const appRoot = app.getAppPath();
  const location = rendererLocation(appRoot, process.env.VITE_DEV_SERVER_URL, app.isPackaged);
  setupSecurity(location, () => window?.webContents ?? null);
  const hub = await createHub({
    dataDir,
    adminPort: null,
    ingestHost: args.ingestHost,
    ingestPort: args.ingestPort,
    ...tokenPresets(process.env),
    secretCodec: pickSecretCodec(safeStorage),
    nativeBinding: pickNativeBinding(appRoot, process.versions.electron),
    logDestination,
  });
  log(`hub started: POS events to ${hub.ingestUrl}, data in ${dataDir}`);

  const hidden = args.hidden || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  const shown = createMainWindow({
    preload: path.join(import.meta.dirname, 'preload.cjs'),
    location,
    icon: path.join(iconDir, 'app.png'),
    show: !hidden,
    log,
  });
  window = shown;

  const disposeIpc = registerHubIpc({
    ipcMain,
    hub,
    isTrustedSender: trustedSender(location, () => window),
    target: shown.webContents,
    onInternalError: (operation, error) => log(`${operation} failed: ${error instanceof Error ? error.message : String(error)}`, 'error'),
  });
  const stats = watchStats(hub, { onError: (error) => log(`stats: ${error instanceof Error ? error.message : String(error)}`, 'warn') });
  shutdown.attach(hub, [disposeIpc, stats.stop]);
  const lifecycle = setupLifecycle({ window: shown, shutdown });
  setupTray({ iconDir, icons: trayIconNames(process.platform), window: shown, stats, login: loginItem(relaunchArgs(args)), quit: lifecycle.quit });
  setupNotifications(stats, shown, path.join(iconDir, 'app.png'));
}

function fail(error: unknown, log: DesktopLog, shutdown?: HubShutdown): void {
  shutdown?.startFailed();
  const message = error instanceof Error ? error.message : String(error);
  log(`could not start: ${message}`, 'error');
  // Synchronous is fine here: no hub runs that it could hold up.
  dialog.showErrorBox('Order Webhook Hub could not start', message);
  app.exit(1);
}

if (!claimSingleInstance(() => window && showWindow(window))) {
  app.quit();
} else {
  app.whenReady().then(() => {
    const logDestination = openLogDestination(dataDir, !app.isPackaged || process.stdout.isTTY === true);
    const log = createDesktopLog(logDestination);
    const shutdown = createHubShutdown({ log, exit: (code) => app.exit(code) });
    // After `ready`, so Node's handlers replace the ones Chromium installed (see stop-signals.ts);
    // before the hub starts, so a stop during start-up waits for it and then closes it.
    takeOverStopSignals((signal) => shutdown.stopNow(signal), { onRepeat: (signal) => log(`${signal}: already stopping…`) });
    start({ log, logDestination, shutdown }).catch((error: unknown) => fail(error, log, shutdown));
  }).catch((error: unknown) => fail(error, createDesktopLog(process.stderr)));
}
