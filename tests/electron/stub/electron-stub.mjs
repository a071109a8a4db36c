// A stand-in for the `electron` module, just enough for dist-electron/main.js to run under plain
// Node: it records what main does (window options, IPC handlers, tray, notifications, dialogs,
// paths) and takes commands from the test over the fork IPC channel. Where the defects live it
// behaves as Electron 41 documents: a main-process Notification is held only weakly (its `click`
// is lost once it is collected), showMessageBoxSync blocks the main thread until answered, a quit
// is dropped when the page keeps its beforeunload, session-end events come from the window.
// STUB_LOAD_FAIL=1 makes loadURL fail as a missing renderer file does; STUB_SYNC_DIALOG_MS is how
// long a synchronous dialog "stays open" (default 1500 ms).
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

// Electron sets this; main picks the addon built for it by it.
Object.defineProperty(process.versions, 'electron', { value: process.env.STUB_ELECTRON_VERSION ?? '0.0.0-stub', enumerable: true });

const record = {
  paths: {}, sandboxEnabled: false, windows: [], loaded: [], tray: null, notifications: [], errors: [], dialogs: [],
  permissionHandler: false, openExternal: [], templateImages: [],
};
const send = (message) => process.send?.(message);

class Emitter extends EventEmitter {}

/** An Electron-style event: records whether a listener called preventDefault(). */
function electronEvent(extra = {}) {
  const event = { defaultPrevented: false, preventDefault() { event.defaultPrevented = true; }, ...extra };
  return event;
}

const handlers = new Map();
export const ipcMain = {
  handle: (channel, fn) => handlers.set(channel, fn),
  removeHandler: (channel) => handlers.delete(channel),
};

const appEvents = new Emitter();
let pageBlocksUnload = false;
export const app = {
  isPackaged: true,
  commandLine: { hasSwitch: (name) => process.argv.includes(`--${name}`) },
  setPath: (name, value) => { record.paths[name] = value; },
  enableSandbox: () => { record.sandboxEnabled = true; },
  requestSingleInstanceLock: () => true,
  on: (event, fn) => { appEvents.on(event, fn); return app; },
  whenReady: () => Promise.resolve(),
  getAppPath: () => process.env.STUB_APP_PATH,
  // As Electron: before-quit, then every window closes (a window's `close` or its page's
  // beforeunload can call the quit off), then will-quit, then exit.
  quit() {
    const beforeQuit = electronEvent();
    appEvents.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of record.windows.filter((w) => !w.destroyed)) {
      const close = electronEvent();
      window.emit('close', close);
      if (close.defaultPrevented) return;
      if (pageBlocksUnload) {
        const unload = electronEvent();
        window.webContents.emit('will-prevent-unload', unload);
        if (!unload.defaultPrevented) return;
      }
      window.destroyed = true;
      window.emit('closed');
    }
    const willQuit = electronEvent();
    appEvents.emit('will-quit', willQuit);
    if (!willQuit.defaultPrevented) app.exit(0);
  },
  exit(code) {
    send({ type: 'exit', code, record: snapshot() });
    setTimeout(() => process.exit(code), 50);
  },
};

// Platform-only APIs exist only on their platform, as in Electron: calling one elsewhere throws.
if (process.platform === 'win32') app.setAppUserModelId = (id) => { record.appUserModelId = id; };
if (process.platform === 'win32' || process.platform === 'darwin') {
  app.getLoginItemSettings = () => ({ openAtLogin: false, wasOpenedAtLogin: false });
  app.setLoginItemSettings = (settings) => { record.loginItem = settings; };
}

const pendingDialogs = [];
export const dialog = {
  showErrorBox: (title, message) => record.errors.push(`${title}: ${message}`),
  // Electron's synchronous dialog runs a nested message loop on the main thread: nothing else
  // in the main process (IPC, the ingest server, deliveries) runs until it is answered.
  showMessageBoxSync: (...args) => {
    const options = args.length > 1 ? args[1] : args[0];
    record.dialogs.push({ kind: 'sync', message: options.message, buttons: options.buttons });
    send({ type: 'dialog', kind: 'sync' });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.STUB_SYNC_DIALOG_MS ?? 1500));
    return options.cancelId ?? 0;
  },
  showMessageBox: (...args) => {
    const options = args.length > 1 ? args[1] : args[0];
    record.dialogs.push({ kind: 'async', type: options.type, message: options.message, detail: options.detail, buttons: options.buttons, parentVisible: args.length > 1 ? args[0].visible : null });
    send({ type: 'dialog', kind: 'async' });
    return new Promise((resolve) => pendingDialogs.push((response) => resolve({ response, checkboxChecked: false })));
  },
};

export const safeStorage = {
  isEncryptionAvailable: () => true,
  ...(process.platform === 'linux' ? { getSelectedStorageBackend: () => 'gnome_libsecret' } : {}),
  encryptString: (plain) => Buffer.concat([Buffer.from('v11'), Buffer.from(plain).map((b) => b ^ 0x42)]),
  decryptString: (buffer) => Buffer.from(buffer.subarray(3).map((b) => b ^ 0x42)).toString(),
};

const permission = { request: null, check: null };
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => { record.permissionHandler = typeof fn === 'function'; permission.request = fn; },
    setPermissionCheckHandler: (fn) => { permission.check = fn; },
    webRequest: { onHeadersReceived: () => {} },
  },
};

export const shell = { openExternal: async (url) => { record.openExternal.push(url); } };

export const powerMonitor = new Emitter();

export class BrowserWindow extends Emitter {
  constructor(options) {
    super();
    this.options = options;
    this.visible = false;
    this.destroyed = false;
    const mainFrame = { url: '', parent: null };
    this.webContents = Object.assign(new Emitter(), {
      mainFrame,
      sent: [],
      send: (channel, ...args) => this.webContents.sent.push({ channel, args }),
      isDestroyed: () => this.destroyed,
      setWindowOpenHandler: (fn) => { this.webContents.openHandler = fn; },
      getURL: () => mainFrame.url,
    });
    record.windows.push(this);
    appEvents.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    record.loaded.push(url);
    if (process.env.STUB_LOAD_FAIL) {
      // What Electron rejects with when the file is missing (net::ERR_FILE_NOT_FOUND).
      throw Object.assign(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`), { code: 'ERR_FILE_NOT_FOUND', errno: -6, url });
    }
    this.webContents.mainFrame.url = url;
  }
  show() { this.visible = true; }
  hide() { this.visible = false; }
  focus() {}
  isMinimized() { return false; }
  restore() {}
  isDestroyed() { return this.destroyed; }
  isVisible() { return this.visible; }
}

export class Tray extends Emitter {
  constructor(image) { super(); this.image = image; this.tooltip = ''; this.menu = []; record.tray = this; }
  setToolTip(text) { this.tooltip = text; }
  setContextMenu(menu) { this.menu = menu; }
  setImage(image) { this.image = image; }
}

let menuClicks = [];
export const Menu = {
  buildFromTemplate: (template) => {
    menuClicks = template.map((item) => item.click);
    return template.map((item) => ({ label: item.label, type: item.type, checked: item.checked, enabled: item.enabled }));
  },
};
export const nativeImage = {
  createFromPath: (file) => ({ file, exists: existsSync(file), setTemplateImage(on) { if (on) record.templateImages.push(file); } }),
};

// Electron keeps only a weak reference to a main-process Notification (electron/electron#16922).
const shownNotifications = [];
export class Notification extends Emitter {
  static isSupported() { return true; }
  constructor(options) { super(); this.options = options; }
  show() {
    record.notifications.push(this.options);
    shownNotifications.push(new WeakRef(this));
  }
}

function snapshot() {
  const window = record.windows[0];
  return {
    paths: record.paths,
    appUserModelId: record.appUserModelId,
    sandboxEnabled: record.sandboxEnabled,
    permissionHandler: record.permissionHandler,
    webPreferences: window?.options.webPreferences,
    windowVisible: window?.visible ?? null,
    windowDestroyed: window?.destroyed ?? null,
    loaded: record.loaded,
    channels: [...handlers.keys()],
    tray: record.tray && { tooltip: record.tray.tooltip, menu: record.tray.menu, image: record.tray.image },
    notifications: record.notifications,
    errors: record.errors,
    dialogs: record.dialogs,
    sent: window?.webContents.sent ?? [],
    openExternal: record.openExternal,
    templateImages: record.templateImages,
  };
}

const commands = {
  invoke: async (command, window) => {
    const frame = command.trusted ? window.webContents.mainFrame : { url: 'https://evil.example/', parent: null };
    return handlers.get(command.channel)({ sender: window.webContents, senderFrame: frame }, ...command.args);
  },
  'close-window': (_command, window) => {
    const event = electronEvent();
    window.emit('close', event);
    return { prevented: event.defaultPrevented };
  },
  'open-window': (command, window) => window.webContents.openHandler({ url: command.url }),
  snapshot: () => snapshot(),
  quit: () => { app.quit(); return null; },
  /** The tray menu item with this label, clicked. */
  'tray-click': (command) => {
    const index = record.tray.menu.findIndex((item) => item.label === command.label);
    menuClicks[index]?.({ checked: !record.tray.menu[index]?.checked });
    return { clicked: index >= 0 };
  },
  'page-unsaved': (command) => { pageBlocksUnload = command.unsaved; return null; },
  /** Ctrl+R: the page's beforeunload runs; unless a listener ignores it, the reload is off. */
  reload: (_command, window) => {
    if (!pageBlocksUnload) return { reloaded: true };
    const event = electronEvent();
    window.webContents.emit('will-prevent-unload', event);
    return { reloaded: event.defaultPrevented };
  },
  'answer-dialog': (command) => {
    const answer = pendingDialogs.shift();
    answer?.(command.response);
    return { answered: answer !== undefined };
  },
  'window-event': (command, window) => {
    const event = electronEvent({ reasons: command.reasons ?? ['shutdown'] });
    window.emit(command.name, event);
    return { prevented: event.defaultPrevented };
  },
  'power-shutdown': () => {
    const event = electronEvent();
    powerMonitor.emit('shutdown', event);
    return { prevented: event.defaultPrevented };
  },
  gc: () => { globalThis.gc?.(); return { collected: typeof globalThis.gc === 'function' }; },
  /** A click on the index-th notification shown: it reaches main only if the object is still alive. */
  'click-notification': (command) => {
    const notification = shownNotifications[command.index]?.deref();
    notification?.emit('click', electronEvent());
    return { delivered: notification !== undefined };
  },
  'permission-request': (command, window) => new Promise((resolve) => {
    const contents = command.fromOwnWindow === false ? new Emitter() : window.webContents;
    permission.request(contents, command.permission, (granted) => resolve({ granted }), { requestingUrl: command.url, isMainFrame: true });
  }),
  'permission-check': (command, window) => {
    const contents = command.fromOwnWindow === false ? new Emitter() : window.webContents;
    return { granted: permission.check(contents, command.permission, new URL(command.url).origin, { requestingUrl: command.url, isMainFrame: true }) };
  },
};

process.on('message', async (command) => {
  try {
    const answer = await commands[command.type](command, record.windows[0]);
    if (command.type !== 'quit') send({ type: 'answer', id: command.id, answer });
  } catch (error) {
    send({ type: 'answer', id: command.id, error: String(error?.stack ?? error) });
  }
});

// Tells the test when main has finished starting (its IPC handlers exist).
const ready = setInterval(() => {
  if (handlers.size > 0 && record.tray) {
    clearInterval(ready);
    send({ type: 'ready' });
  }
}, 20);
