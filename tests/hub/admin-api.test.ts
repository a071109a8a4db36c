// The local admin API over HTTP (contract §6): the token only as a Bearer header (never a cookie,
// which the browser would hand to every other service on 127.0.0.1), cross-origin refused,
// settings validated per field and masked, the delivery log (filter, search, cursor) and stats.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import type { DeliveryDetail, DeliveryPage } from '../../shared/delivery.ts';
import type { SettingsView } from '../../shared/settings.ts';
import type { Stats } from '../../shared/api.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();
const KEY = 'partner-key-0123456789abcdef';

// A stand-in for dist/renderer: the page and one asset, so these tests need no renderer build.
const rendererDir = mkdtempSync(path.join(tmpdir(), 'owh-renderer-'));
const INDEX_HTML = '<!doctype html><title>Order Webhook Hub</title><div id="root"></div><script type="module" src="/assets/app.js"></script>';
writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
mkdirSync(path.join(rendererDir, 'assets'));
writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

async function adminHub(mode?: Parameters<typeof kit.receiver>[0]) {
  const partner = await kit.receiver(mode);
  const hub = await kit.hub({ adminPort: 0, rendererDir });
  expect(hub.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  const origin = new URL(hub.adminUrl!).origin;
  const api = async (pathname: string, init: RequestInit = {}) => {
    const res = await fetch(`${origin}${pathname}`, { ...init, headers: { authorization: `Bearer ${hub.adminToken}`, ...init.headers } });
    const text = await res.text();
    return { status: res.status, text, json: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
  };
  const put = (pathname: string, body: unknown) => api(pathname, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const post = (pathname: string, body?: unknown) => api(pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { hub, partner, origin, api, put, post };
}

describe('admin API: access', () => {
  it('refuses calls without the token and accepts the Bearer token', async () => {
    const { hub, origin } = await adminHub();
    const anonymous = await fetch(`${origin}/api/settings`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${origin}/api/settings`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${origin}/api/settings`, { headers: { authorization: `Bearer ${hub.adminToken}` } });
    expect(ok.status).toBe(200);
  });

  it('the tokenised URL serves the page and sets no cookie; the page and its assets are not secret', async () => {
    const { hub, origin } = await adminHub();
    const opened = await fetch(hub.adminUrl!, { redirect: 'manual' });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('set-cookie')).toBeNull();
    expect(opened.headers.get('cache-control')).toBe('no-store');
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await opened.text();
    expect(html).toBe(INDEX_HTML);
    expect(html).not.toContain(hub.adminToken);
    // Without the token the same page loads (it shows the sign-in screen itself), and so do assets.
    const plain = await fetch(`${origin}/`);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toBe(INDEX_HTML);
    expect((await fetch(`${origin}/assets/app.js`)).status).toBe(200);
    // A wrong token says so rather than loading a page that cannot sign in.
    const badToken = await fetch(`${origin}/?token=wrong`, { redirect: 'manual' });
    expect(badToken.status).toBe(401);
    expect(badToken.headers.get('set-cookie')).toBeNull();
    expect(await badToken.text()).toMatch(/\?token=/);
  });

  it('a cookie holding the admin token authorises nothing (any other service on 127.0.0.1 could replay it)', async () => {
    const { hub, origin } = await adminHub();
    for (const cookie of [`owh_admin=${hub.adminToken}`, `other=1; owh_admin=${hub.adminToken}`, `token=${hub.adminToken}`]) {
      expect((await fetch(`${origin}/api/stats`, { headers: { cookie } })).status).toBe(401);
      expect((await fetch(`${origin}/api/stream`, { headers: { cookie } })).status).toBe(401);
      expect((await fetch(`${origin}/api/pos-token/reveal`, { method: 'POST', headers: { cookie } })).status).toBe(401);
    }
    // The token itself in the query string authorises no API call either (it would end up in logs and history).
    expect((await fetch(`${origin}/api/stats?token=${hub.adminToken}`)).status).toBe(401);
  });

  it('a page load that still carries the old owh_admin cookie expires it (the browser would keep sending it to other ports)', async () => {
    const { hub, origin } = await adminHub();
    const loaded = await fetch(`${origin}/`, { headers: { cookie: `theme=dark; owh_admin=${hub.adminToken}` } });
    expect(loaded.status).toBe(200);
    const setCookie = loaded.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^owh_admin=;/);
    expect(setCookie).toMatch(/Max-Age=0/i);
    expect(setCookie).not.toContain(hub.adminToken);
    expect((await fetch(`${origin}/`, { headers: { cookie: 'theme=dark' } })).headers.has('set-cookie')).toBe(false);
  });

  it('refuses cross-origin requests even with the token; same-origin ones pass', async () => {
    const { origin, api } = await adminHub();
    const before = await api('/api/settings');
    const evil = await api('/api/settings', {
      method: 'PUT', headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(settingsFor('http://evil.example')),
    });
    expect(evil.status).toBe(403);
    expect((await api('/api/settings')).json).toEqual(before.json);
    const evilRead = await api('/api/stats', { headers: { origin: 'http://evil.example' } });
    expect(evilRead.status).toBe(403);
    const same = await api('/api/stats', { headers: { origin } });
    expect(same.status).toBe(200);
  });

  it('answers 404 for an unknown endpoint and 405 for a wrong method', async () => {
    const { api } = await adminHub();
    expect((await api('/api/nothing')).status).toBe(404);
    expect((await api('/api/stats', { method: 'DELETE' })).status).toBe(405);
    expect((await api('/api/deliveries/999')).status).toBe(404);
  });
});

describe('admin API: settings', () => {
  it('PUT with bad fields → 400 listing each field, and nothing saved', async () => {
    const { partner, api, put } = await adminHub();
    expect((await put('/api/settings', settingsFor(partner.url))).status).toBe(200);
    const before = (await api('/api/settings')).json;
    const bad = {
      ...settingsFor(partner.url),
      requestHeader: { name: 'X API Key', value: 'line\nbreak' },
      hooks: { open: { url: 'ftp://partner.example/open', enabled: true }, update: { url: '', enabled: true }, close: { url: 'not a url', enabled: false } },
      signingSecret: 'secret',
    };
    const answer = await put('/api/settings', bad);
    expect(answer.status).toBe(400);
    const details = (answer.json as { error: { details: { path: string }[] } }).error.details.map((d) => d.path).sort();
    expect(details).toEqual(['hooks.close.url', 'hooks.open.url', 'hooks.update.url', 'requestHeader.name', 'requestHeader.value', 'signingSecret']);
    expect((await api('/api/settings')).json).toEqual(before);
  });

  it('GET masks the API key value (hasValue: true); a PUT leaving it out keeps the stored value', async () => {
    const { hub, partner, api, put } = await adminHub();
    await put('/api/settings', settingsFor(partner.url, { requestHeader: { name: 'X-API-Key', value: KEY } }));
    const got = await api('/api/settings');
    expect(got.text).not.toContain(KEY);
    const view = got.json as SettingsView;
    expect(view.requestHeader).toMatchObject({ name: 'X-API-Key', hasValue: true });
    expect(view.requestHeader.value).not.toBe(KEY);

    const { requestHeader: _ignored, ...rest } = settingsFor(partner.url);
    expect((await put('/api/settings', { ...rest, requestHeader: { name: 'X-API-Key' } })).status).toBe(200);
    expect(((await api('/api/settings')).json as SettingsView).requestHeader.hasValue).toBe(true);
    // And sending the masked value back (what a form would do) keeps it too.
    expect((await put('/api/settings', { ...rest, requestHeader: { name: 'X-API-Key', value: view.requestHeader.value } })).status).toBe(200);
    await postEvents(hub, makeEvent());
    await settle(hub);
    expect(partner.requests[0]?.headers['x-api-key']).toBe(KEY);
  });

  it('"Send test" posts a sample order to the hook and returns the partner\'s answer', async () => {
    const { partner, put, post } = await adminHub({ mode: { kind: 'ok', status: 202, body: 'queued by partner' } });
    await put('/api/settings', settingsFor(partner.url));
    const answer = await post('/api/hooks/close/test');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ ok: true, url: `${partner.url}/close`, status: 202, body: 'queued by partner' });
    expect(partner.requests).toHaveLength(1);
    expect(partner.requests[0]).toMatchObject({ path: '/close', json: { type: 'order.closed' } });
    expect((await post('/api/hooks/nope/test')).status).toBe(404);
  });

  it('PUT that is not JSON → 415', async () => {
    const { api } = await adminHub();
    const answer = await api('/api/settings', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(answer.status).toBe(415);
  });
});

describe('admin API: the delivery log and stats', () => {
  async function seeded() {
    const ctx = await adminHub({ mode: (r) => (r.path === '/close' ? { kind: 'fail', status: 400 } : { kind: 'ok' }) });
    await ctx.put('/api/settings', settingsFor(ctx.partner.url));
    const events = [
      makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId: 'c-1', checkNumber: '1041' } }),
      makeEvent({ type: 'check.updated', check: { checkId: 'c-2', checkNumber: '1042' } }),
      makeEvent({ type: 'check.updated', check: { checkId: 'c-3', checkNumber: '2042' } }),
      makeEvent({ type: 'check.closed', check: { checkId: 'c-4', checkNumber: '1043' } }),
      makeEvent({ type: 'check.closed', check: { checkId: 'c-5', checkNumber: '1044' } }),
    ];
    await postEvents(ctx.hub, { events });
    await settle(ctx.hub);
    return ctx;
  }
  const page = (r: { json: unknown }) => r.json as DeliveryPage;

  it('lists newest first, filters by state and hook, searches by check number', async () => {
    const { api } = await seeded();
    const all = page(await api('/api/deliveries'));
    expect(all.items).toHaveLength(5);
    expect(all.items.map((d) => d.id)).toEqual([...all.items.map((d) => d.id)].sort((a, b) => b - a));
    expect(all.nextCursor).toBeNull();
    expect(page(await api('/api/deliveries?state=failed')).items.map((d) => d.checkNumber).sort()).toEqual(['1043', '1044']);
    expect(page(await api('/api/deliveries?hook=update')).items.map((d) => d.checkNumber).sort()).toEqual(['1042', '2042']);
    expect(page(await api('/api/deliveries?hook=update&state=delivered&q=104')).items.map((d) => d.checkNumber)).toEqual(['1042']);
    expect(page(await api('/api/deliveries?q=104')).items).toHaveLength(4);
    expect((await api('/api/deliveries?state=bogus')).status).toBe(400);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const { api } = await seeded();
    const ids: number[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const current = page(await api(`/api/deliveries?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`));
      ids.push(...current.items.map((d) => d.id));
      cursor = current.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(ids).toEqual([5, 4, 3, 2, 1]);
  });

  it('shows one delivery with its payload and attempts, and re-sends it', async () => {
    const { api, post } = await seeded();
    const failed = page(await api('/api/deliveries?state=failed')).items[0]!;
    const detail = (await api(`/api/deliveries/${failed.id}`)).json as DeliveryDetail;
    expect(detail.payload.type).toBe('order.closed');
    expect(detail.attemptLog).toHaveLength(1);
    expect(detail.attemptLog[0]).toMatchObject({ status: 400, outcome: 'failed' });
    const resent = await post(`/api/deliveries/${failed.id}/resend`);
    expect(resent.status).toBe(201);
    expect((resent.json as DeliveryDetail).resentFrom).toBe(failed.id);
  });

  it('stats count deliveries by state', async () => {
    const { api } = await seeded();
    const stats = (await api('/api/stats')).json as Stats;
    expect(stats.counts).toMatchObject({ delivered: 3, failed: 2, pending: 0, retrying: 0, delivering: 0, dead: 0, cancelled: 0 });
    expect(stats.queueDepth).toBe(0);
    expect(stats.endpoints.map((e) => e.hook).sort()).toEqual(['close', 'open', 'update']);
    expect(stats.hourly).toHaveLength(24);
    expect(stats.hourly.reduce((n, h) => n + h.delivered, 0)).toBe(3);
    expect(stats.hourly.reduce((n, h) => n + h.failed, 0)).toBe(2);
  });

  it('streams a change event when deliveries change', async () => {
    const { hub, partner, origin, put } = await adminHub();
    await put('/api/settings', settingsFor(partner.url));
    const controller = new AbortController();
    const res = await fetch(`${origin}/api/stream`, { headers: { authorization: `Bearer ${hub.adminToken}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    await postEvents(hub, makeEvent());
    let text = '';
    while (!text.includes('event: change')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toMatch(/event: change\ndata: \{"changed":\d+/);
  });
});
