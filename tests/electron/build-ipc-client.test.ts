import { describe, expect, it, vi } from 'vitest';
import { CHANGE_CHANNEL, HubError, OPERATIONS, type HubOperations, type OperationName } from '../../shared/client.ts';
import type { HubChange } from '../../shared/api.ts';
import { buildIpcClient } from '../../electron/ipc/build-ipc-client.ts';
import { registerHubIpc } from '../../electron/ipc/register-hub-ipc.ts';
import { FakeIpcMain, FakeWebContents } from './fake-ipc.ts';

function pushChannel() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const subscribe = vi.fn((channel: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  });
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload));
  return { subscribe, emit, count: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('buildIpcClient', () => {
  it('has exactly the operations of OPERATIONS plus onChange, each calling its own channel', async () => {
    const invoke = vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } }));
    const client = buildIpcClient(invoke, pushChannel().subscribe);
    expect(new Set(Object.keys(client))).toEqual(new Set([...Object.keys(OPERATIONS), 'onChange']));
    for (const [name, { channel }] of Object.entries(OPERATIONS) as Array<[OperationName, { channel: string }]>) {
      const call = client[name] as (...args: unknown[]) => Promise<unknown>;
      await expect(call(5)).resolves.toEqual({ channel, args: [5] });
    }
    expect(invoke).toHaveBeenCalledTimes(Object.keys(OPERATIONS).length);
    expect(new Set(invoke.mock.calls.map(([channel]) => channel))).toEqual(new Set(Object.values(OPERATIONS).map((op) => op.channel)));
  });

  it('throws HubError with the hub\'s code, message, details and status on {ok:false}', async () => {
    const invoke = vi.fn(async () => ({ ok: false, error: { code: 'invalid_settings', message: 'Some settings need fixing', details: [{ path: 'hooks.open.url', message: 'Enter a full web address' }], status: 400 } }));
    const client = buildIpcClient(invoke, pushChannel().subscribe);
    const error = await client.getSettings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'invalid_settings', message: 'Some settings need fixing', status: 400, details: [{ path: 'hooks.open.url', message: 'Enter a full web address' }] });
  });

  it('treats an answer that is not an IpcResult as an internal HubError', async () => {
    const client = buildIpcClient(async () => 'surprise', pushChannel().subscribe);
    await expect(client.getStats()).rejects.toMatchObject({ name: 'HubError', code: 'internal' });
  });

  it('onChange listens on the change channel only, passes just the change, and unsubscribes', () => {
    const push = pushChannel();
    const client = buildIpcClient(vi.fn(), push.subscribe);
    const seen: HubChange[] = [];
    const off = client.onChange((change) => seen.push(change));
    expect(push.subscribe).toHaveBeenCalledWith(CHANGE_CHANNEL, expect.any(Function));
    push.emit(CHANGE_CHANNEL, { changed: 2, at: '2026-11-27T19:04:11.120Z', extra: 'dropped' });
    push.emit(CHANGE_CHANNEL, 'not a change');
    expect(seen).toEqual([{ changed: 2, at: '2026-11-27T19:04:11.120Z' }]);
    off();
    expect(push.count(CHANGE_CHANNEL)).toBe(0);
  });

  it('talks to the registrar end to end (what the preload and main do over Electron IPC)', async () => {
    const ipcMain = new FakeIpcMain();
    const target = new FakeWebContents();
    const service = { getDelivery: vi.fn(async (id: number) => ({ id })) } as unknown as HubOperations;
    registerHubIpc({ ipcMain, hub: { service, onChange: () => () => {} }, target, isTrustedSender: () => true });
    const client = buildIpcClient((channel, ...args) => ipcMain.invoke(channel, { trusted: true }, ...args), pushChannel().subscribe);
    await expect(client.getDelivery(9)).resolves.toEqual({ id: 9 });
    const error = await client.getDelivery(0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'invalid_argument', status: 400, details: [{ path: '0' }] });
  });
});
