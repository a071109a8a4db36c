// A stand-in for the `electron` module, just enough for dist-electron/main.js to run under plain
// Node: it records what main does (window options, IPC handlers, tray, notifications, paths) and
// takes commands from the test over the fork IPC channel (invoke a channel, close the window, quit).
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

const record = { paths: {}, sandboxEnabled: false, windows: [], loaded: [], tray: null, notifications: [], errors: [], permissionHandler: false, openExternal: [] };
const send = (message) => process.send?.(message);

class Emitter extends EventEmitter {}

const handlers = new Map();
export const ipcMain = {
  handle: (channel, fn) => handlers.set(channel, fn),
  removeHandler: (channel) => handlers.delete(channel),
};

const appEvents = new Emitter();
let quitting = false;
export const app = {
  isPackaged: true,
  setPath: (name, value) => { record.paths[name] = value; },
  enableSandbox: () => { record.sandboxEnabled = true; },
  requestSingleInstanceLock: () => true,
  on: (event, fn) => { appEvents.on(event, fn); return app; },
  whenReady: () => Promise.resolve(),
  getAppPath: () => process.env.STUB_APP_PATH,
  quit() {
    if (!quitting) appEvents.emit('before-quit', { preventDefault() {} });
    quitting = true;
    for (const window of record.windows) window.emit('close', { preventDefault() { window.closePrevented = true; } });
    let prevented = false;
    appEvents.emit('will-quit', { preventDefault() { prevented = true; } });
    if (!prevented) app.exit(0);
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

export const dialog = {
  showErrorBox: (title, message) => record.errors.push(`${title}: ${message}`),
  showMessageBoxSync: () => 0,
};

export const safeStorage = {
  isEncryptionAvailable: () => true,
  ...(process.platform === 'linux' ? { getSelectedStorageBackend: () => 'gnome_libsecret' } : {}),
  encryptString: (plain) => Buffer.concat([Buffer.from('v11'), Buffer.from(plain).map((b) => b ^ 0x42)]),
  decryptString: (buffer) => Buffer.from(buffer.subarray(3).map((b) => b ^ 0x42)).toString(),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => { record.permissionHandler = typeof fn === 'function'; },
    setPermissionCheckHandler: () => {},
    webRequest: { onHeadersReceived: () => {} },
  },
};

export const shell = { openExternal: async (url) => { record.openExternal.push(url); } };

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
    });
    record.windows.push(this);
    appEvents.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) { this.webContents.mainFrame.url = url; record.loaded.push(url); }
  show() { this.visible = true; }
  hide() { this.visible = false; }
  focus() {}
  isMinimized() { return false; }
  restore() {}
  isDestroyed() { return this.destroyed; }
}

export class Tray extends Emitter {
  constructor(image) { super(); this.image = image; this.tooltip = ''; this.menu = []; record.tray = this; }
  setToolTip(text) { this.tooltip = text; }
  setContextMenu(menu) { this.menu = menu; }
  setImage(image) { this.image = image; }
}

export const Menu = { buildFromTemplate: (template) => template.map((item) => ({ label: item.label, type: item.type, checked: item.checked, enabled: item.enabled })) };
export const nativeImage = { createFromPath: (file) => ({ file, exists: existsSync(file) }) };

export class Notification extends Emitter {
  static isSupported() { return true; }
  constructor(options) { super(); this.options = options; }
  show() { record.notifications.push(this.options); }
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
    loaded: record.loaded,
    channels: [...handlers.keys()],
    tray: record.tray && { tooltip: record.tray.tooltip, menu: record.tray.menu, image: record.tray.image },
    notifications: record.notifications,
    errors: record.errors,
    sent: window?.webContents.sent ?? [],
    openExternal: record.openExternal,
  };
}

process.on('message', async (command) => {
  const window = record.windows[0];
  try {
    if (command.type === 'invoke') {
      const frame = command.trusted ? window.webContents.mainFrame : { url: 'https://evil.example/', parent: null };
      const answer = await handlers.get(command.channel)({ sender: window.webContents, senderFrame: frame }, ...command.args);
      send({ type: 'answer', id: command.id, answer });
    } else if (command.type === 'close-window') {
      let prevented = false;
      window.emit('close', { preventDefault() { prevented = true; } });
      send({ type: 'answer', id: command.id, answer: { prevented } });
    } else if (command.type === 'open-window') {
      send({ type: 'answer', id: command.id, answer: window.webContents.openHandler({ url: command.url }) });
    } else if (command.type === 'snapshot') {
      send({ type: 'answer', id: command.id, answer: snapshot() });
    } else if (command.type === 'quit') {
      app.quit();
    }
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
