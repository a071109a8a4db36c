// A hub-side field error must reach the desktop renderer with its code and details, although
// Electron's contextBridge copies only an Error's message across.
import { describe, expect, it } from 'vitest';
import { HubError, mapClientErrors, packHubError, unpackHubError } from '../../shared/client.ts';
import { buildIpcClient } from '../../electron/ipc/build-ipc-client.ts';

/** What contextBridge does to a rejection: a new Error with the same message, nothing else. */
const acrossBridge = (error: unknown) => new Error(error instanceof Error ? error.message : String(error));

describe('HubError across the context bridge', () => {
  it('arrives in the page as a HubError with code, details and status', async () => {
    const invoke = async () => ({ ok: false, error: { code: 'invalid_settings', message: 'Some settings need fixing', status: 400, details: [{ path: 'hooks.open.url', message: 'Enter a full web address' }] } });
    const preloadSide = mapClientErrors(buildIpcClient(invoke, () => () => {}), (e) => (e instanceof HubError ? packHubError(e) : e));
    const pageSide = mapClientErrors(mapClientErrors(preloadSide, acrossBridge), unpackHubError);

    const error = await pageSide.getSettings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'invalid_settings', status: 400, message: 'Some settings need fixing', details: [{ path: 'hooks.open.url', message: 'Enter a full web address' }] });
  });

  it('leaves other errors as they are', () => {
    const plain = new Error('socket closed');
    expect(unpackHubError(plain)).toBe(plain);
  });
});
