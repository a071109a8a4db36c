// The browser transport: routes, query strings, bodies, and hub errors turned into HubError.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HubError } from '../../shared/client.ts';
import { createHttpClient } from '../../renderer/src/client/http-client.ts';

function answer(status: number, body: unknown) {
  return vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => vi.unstubAllGlobals());

describe('http client', () => {
  it('lists deliveries with only the filters that are set', async () => {
    const fetch = answer(200, { items: [], nextCursor: null });
    vi.stubGlobal('fetch', fetch);
    await createHttpClient().listDeliveries({ state: 'failed', q: '1042', limit: 50 });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/deliveries?state=failed&q=1042&limit=50');
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ method: 'GET', credentials: 'same-origin' });
  });

  it('PUTs settings as JSON', async () => {
    const fetch = answer(200, {});
    vi.stubGlobal('fetch', fetch);
    const input = { requestHeader: { name: 'X-API-Key' }, hooks: { open: { url: '', enabled: false }, update: { url: '', enabled: false }, close: { url: '', enabled: false } }, thirdPartyOrders: false };
    await createHttpClient().saveSettings(input);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/settings');
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual(input);
  });

  it('turns the hub’s error document into a HubError with details', async () => {
    vi.stubGlobal('fetch', answer(400, { error: { code: 'invalid_settings', message: 'Check the fields', details: [{ path: 'hooks.open.url', message: 'bad' }] } }));
    const failure = await createHttpClient().getSettings().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HubError);
    expect(failure).toMatchObject({ code: 'invalid_settings', status: 400, details: [{ path: 'hooks.open.url', message: 'bad' }] });
  });

  it('says the hub is unreachable when fetch fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(createHttpClient().getStats()).rejects.toMatchObject({ code: 'unreachable' });
  });
});
