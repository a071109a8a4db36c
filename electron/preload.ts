// Sandboxed preload: exposes `window.hub`, the renderer's HubClient over IPC. Built from the shared
// OPERATIONS map, so it can only reach the hub's own channels; bundled to one CJS file that
// requires nothing but `electron`.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { HubError, mapClientErrors, packHubError, type HubClient } from '../shared/client.ts';
import { buildIpcClient } from './ipc/build-ipc-client.ts';
import type { Invoke, Subscribe } from './ipc/ipc-like.ts';

const invoke: Invoke = (channel, ...args) => ipcRenderer.invoke(channel, ...args);

const subscribe: Subscribe = (channel, listener) => {
  // The Electron event (with its `sender`) stays in the preload; the page only gets the payload.
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
};

// contextBridge copies only `message` of a thrown Error into the page, so a HubError travels packed
// in its message; the renderer's pickClient unpacks it (code, details and status intact).
const client = mapClientErrors(buildIpcClient(invoke, subscribe), (error) => (error instanceof HubError ? packHubError(error) : error));
const { onChange, ...operations } = client;

contextBridge.exposeInMainWorld('hub', { ...operations, onChange } satisfies HubClient);
