// The slices of Electron's IPC objects the registrar and the client builder use, declared here so
// both run (and are tested) under plain Node; Electron's ipcMain / webContents / ipcRenderer fit them.

/** `ipcMain`: one handler per channel, answered with the handler's (awaited) return value. */
export interface IpcMainLike<Event> {
  handle(channel: string, listener: (event: Event, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The window's `webContents`: where pushed events go. */
export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** `ipcRenderer.invoke`: one request, one answer. */
export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/** Subscribes to a pushed channel (payload only, never the Electron event); returns the unsubscribe function. */
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;
