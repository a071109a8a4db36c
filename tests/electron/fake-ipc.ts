// Test doubles for Electron's IPC objects, shaped like the IpcMainLike/WebContentsLike slices.
import type { IpcMainLike, WebContentsLike } from '../../electron/ipc/ipc-like.ts';

export interface FakeEvent { trusted: boolean }

export class FakeIpcMain implements IpcMainLike<FakeEvent> {
  readonly handlers = new Map<string, (event: FakeEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: FakeEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would resolve to. */
  async invoke(channel: string, event: FakeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Electron structured-clones both ways; so do we, to catch non-cloneable answers.
    return structuredClone(await handler(event, ...structuredClone(args)));
  }
}

export class FakeWebContents implements WebContentsLike {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}
