// The browser transport: routes, query strings, bodies, hub errors turned into HubError, and the
// admin token sent as a Bearer header on every call (never a cookie: see admin-session.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HubError } from '../../shared/client.ts';
import { createHttpClient } from '../../renderer/src/client/http-client.ts';

function answer(status: number, body: unknown) {
  return vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => vi.unstubAllGlobals());

const TOKEN = 'admin-token-0123456789abcdefghij';
const client = (onUnauthorized?: () => void) => createHttpClient({ token: TOKEN, onUnauthorized });

describe('http client', () => {
  it('lists deliveries with only the filters that are set', async () => {
    const fetch = answer(200, { items: [], nextCursor: null });
    vi.stubGlobal('fetch', fetch);
    await client().listDeliveries({ state: 'failed', q: '1042', limit: 50 });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/deliveries?state=failed&q=1042&limit=50');
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ method: 'GET' });
  });

  it('sends the admin token as a Bearer header on every call and no cookies at all', async () => {
    const fetch = answer(200, {});
    vi.stubGlobal('fetch', fetch);
    const hub = client();
    await Promise.all([hub.getSettings(), hub.getStats(), hub.revealPosToken(), hub.saveSettings({ requestHeader: { name: '' }, hooks: { open: { url: '', enabled: false }, update: { url: '', enabled: false }, close: { url: '', enabled: false } }, thirdPartyOrders: false })]);
    expect(fetch.mock.calls).toHaveLength(4);
    for (const [, init] of fetch.mock.calls) {
      expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
      expect(init?.credentials).toBe('omit');
    }
  });

  it('a 401 forgets the session and says how to sign in again', async () => {
    vi.stubGlobal('fetch', answer(401, { error: { code: 'unauthorized', message: 'The admin token is missing or wrong' } }));
    const onUnauthorized = vi.fn();
    const failure = await client(onUnauthorized).getStats().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HubError);
    expect(failure).toMatchObject({ code: 'unauthorized', status: 401, message: expect.stringContaining('?token=') });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('PUTs settings as JSON', async () => {
    const fetch = answer(200, {});
    vi.stubGlobal('fetch', fetch);
    const input = { requestHeader: { name: 'X-API-Key' }, hooks: { open: { url: '', enabled: false }, update: { url: '', enabled: false }, close: { url: '', enabled: false } }, thirdPartyOrders: false };
    await client().saveSettings(input);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/settings');
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual(input);
  });

  it('turns the hub’s error document into a HubError with details', async () => {
    vi.stubGlobal('fetch', answer(400, { error: { code: 'invalid_settings', message: 'Check the fields', details: [{ path: 'hooks.open.url', message: 'bad' }] } }));
    const failure = await client().getSettings().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HubError);
    expect(failure).toMatchObject({ code: 'invalid_settings', status: 400, details: [{ path: 'hooks.open.url', message: 'bad' }] });
  });

  it('says the hub is unreachable when fetch fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(client().getStats()).rejects.toMatchObject({ code: 'unreachable' });
  });
});
