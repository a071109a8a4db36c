import { describe, expect, it, vi } from 'vitest';
import { CHANGE_CHANNEL, HubError, OPERATIONS, type HubOperations } from '../../shared/client.ts';
import type { HubChange } from '../../shared/api.ts';
import { registerHubIpc } from '../../electron/ipc/register-hub-ipc.ts';
import { FakeIpcMain, FakeWebContents, type FakeEvent } from './fake-ipc.ts';

const trusted: FakeEvent = { trusted: true };
const stranger: FakeEvent = { trusted: false };

function fakeService(): HubOperations {
  const answer = (name: string) => vi.fn(async (...args: unknown[]) => ({ op: name, args }));
  return Object.fromEntries(Object.keys(OPERATIONS).map((name) => [name, answer(name)])) as unknown as HubOperations;
}

function setup(service = fakeService()) {
  const ipcMain = new FakeIpcMain();
  const target = new FakeWebContents();
  const listeners = new Set<(change: HubChange) => void>();
  const hub = {
    service,
    onChange: (listener: (change: HubChange) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const onInternalError = vi.fn();
  const dispose = registerHubIpc({ ipcMain, hub, target, isTrustedSender: (event) => event.trusted, onInternalError });
  return { ipcMain, target, service, listeners, dispose, onInternalError };
}

describe('registerHubIpc', () => {
  it('registers one handler for every operation of OPERATIONS, and dispose removes them all', () => {
    const { ipcMain, dispose, listeners } = setup();
    const channels = Object.values(OPERATIONS).map((op) => op.channel);
    expect(new Set(ipcMain.handlers.keys())).toEqual(new Set(channels));
    expect(ipcMain.handlers.size).toBe(channels.length);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
  });

  it('hands validated arguments to the service method of the same name', async () => {
    const { ipcMain, service } = setup();
    await expect(ipcMain.invoke('deliveries:get', trusted, 42)).resolves.toEqual({ ok: true, value: { op: 'getDelivery', args: [42] } });
    expect(service.getDelivery).toHaveBeenCalledWith(42);
    await expect(ipcMain.invoke('hooks:test', trusted, 'close')).resolves.toMatchObject({ ok: true, value: { op: 'sendTest', args: ['close'] } });
    await expect(ipcMain.invoke('stats:get', trusted)).resolves.toMatchObject({ ok: true, value: { op: 'getStats', args: [] } });
  });

  it('rejects bad arguments with the validator\'s details, without calling the service', async () => {
    const { ipcMain, service } = setup();
    const answer = await ipcMain.invoke('deliveries:get', trusted, -3);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_argument', status: 400 } });
    const details = (answer as { error: { details: Array<{ path: string; message: string }> } }).error.details;
    const expected = OPERATIONS.getDelivery.args.safeParse([-3]);
    expect(expected.success).toBe(false);
    expect(details.map((d) => d.path)).toEqual(['0']);
    expect(details[0]!.message).toBe(expected.error!.issues[0]!.message);

    const settings = await ipcMain.invoke('settings:save', trusted, { requestHeader: { name: 'bad name' }, hooks: {}, thirdPartyOrders: 'yes' });
    expect(settings).toMatchObject({ ok: false, error: { code: 'invalid_argument', status: 400 } });
    expect((settings as { error: { details: unknown[] } }).error.details.length).toBeGreaterThan(1);

    // Too many arguments is as wrong as too few: a tuple, not a prefix.
    await expect(ipcMain.invoke('stats:get', trusted, 'extra')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    await expect(ipcMain.invoke('hooks:test', trusted)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    for (const name of Object.keys(OPERATIONS) as Array<keyof HubOperations>) expect(service[name]).not.toHaveBeenCalled();
  });

  it('answers an untrusted sender with forbidden and never reaches the service', async () => {
    const { ipcMain, service } = setup();
    for (const { channel } of Object.values(OPERATIONS)) {
      await expect(ipcMain.invoke(channel, stranger, 1)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden', status: 403 } });
    }
    for (const name of Object.keys(OPERATIONS) as Array<keyof HubOperations>) expect(service[name]).not.toHaveBeenCalled();
  });

  it('passes a HubError on with its code, message, details and status', async () => {
    const service = fakeService();
    service.saveSettings = vi.fn(async () => {
      throw new HubError('invalid_settings', 'Some settings need fixing; nothing was saved', [{ path: 'hooks.open.url', message: 'Enter a full web address' }], 400);
    });
    service.retryDelivery = vi.fn(async () => {
      throw new HubError('in_flight', 'This delivery is being sent right now', [], 409);
    });
    const { ipcMain, onInternalError } = setup(service);
    const input = { requestHeader: { name: 'X-API-Key' }, hooks: { open: { url: '', enabled: false }, update: { url: '', enabled: false }, close: { url: '', enabled: false } }, thirdPartyOrders: false };
    await expect(ipcMain.invoke('settings:save', trusted, input)).resolves.toEqual({
      ok: false,
      error: { code: 'invalid_settings', message: 'Some settings need fixing; nothing was saved', details: [{ path: 'hooks.open.url', message: 'Enter a full web address' }], status: 400 },
    });
    await expect(ipcMain.invoke('deliveries:retry', trusted, 7)).resolves.toMatchObject({ ok: false, error: { code: 'in_flight', status: 409 } });
    expect(onInternalError).not.toHaveBeenCalled();
  });

  it('turns any other error into a bare internal failure: no message, stack or secret crosses', async () => {
    const service = fakeService();
    const secret = 'sk_live_0123456789abcdef';
    const boom = Object.assign(new Error(`SQLITE_IOERR at /home/manager/.config/order-webhook-hub/hub.db with key ${secret}`), { code: 'SQLITE_IOERR', details: [secret], status: 418 });
    service.getStats = vi.fn(async () => { throw boom; });
    service.getConnection = vi.fn(async () => { throw `plain string ${secret}`; });
    const { ipcMain, onInternalError } = setup(service);
    for (const channel of ['stats:get', 'connection:get']) {
      const answer = await ipcMain.invoke(channel, trusted);
      expect(answer).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String), details: [], status: 500 } });
      const text = JSON.stringify(answer);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('SQLITE');
      expect(text).not.toContain('.config');
      expect(text).not.toMatch(/\bat .*:\d+:\d+/);
    }
    expect(onInternalError).toHaveBeenCalledWith('getStats', boom);
  });

  it('forwards hub changes to the window on the change channel, and stops once the window is gone', () => {
    const { listeners, target } = setup();
    const change: HubChange = { changed: 3, at: '2026-11-27T19:04:11.120Z' };
    for (const listener of listeners) listener(change);
    expect(target.sent).toEqual([{ channel: CHANGE_CHANNEL, args: [change] }]);
    target.destroyed = true;
    for (const listener of listeners) listener(change);
    expect(target.sent).toHaveLength(1);
  });
});
