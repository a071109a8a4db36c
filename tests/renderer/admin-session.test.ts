// @vitest-environment jsdom
// The browser's admin session: the token comes once in the address the hub prints, is kept in
// sessionStorage (this origin — this port — only) and leaves the address bar at once; it is never
// a cookie. In Electron (window.hub) none of this runs: the page talks IPC.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, SESSION_KEY } from '../../renderer/src/client/admin-session.ts';
import { pickClient } from '../../renderer/src/client/pick-client.ts';
import type { HubClient } from '../../shared/client.ts';

const TOKEN = 'xDxQZQo3WxaaB2eIyol1iqsPVUC2_aMC';
const open = (address: string) => window.history.replaceState(null, '', address);

beforeEach(() => {
  sessionStorage.clear();
  open('/');
});
afterEach(() => {
  delete window.hub;
  vi.unstubAllGlobals();
});

describe('admin session in a browser', () => {
  it('takes the token from the address, keeps it in sessionStorage and drops it from the address bar', () => {
    open(`/?token=${TOKEN}#/deliveries`);
    const session = adminSession(window);
    expect(session.token()).toBe(TOKEN);
    expect(sessionStorage.getItem(SESSION_KEY)).toBe(TOKEN);
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/deliveries'); // the route survives
    expect(window.location.href).not.toContain(TOKEN);
    expect(document.cookie).toBe('');
  });

  it('keeps other query parameters and replaces the history entry rather than adding one', () => {
    open(`/?lang=en&token=${TOKEN}`);
    const before = window.history.length;
    adminSession(window);
    expect(window.location.search).toBe('?lang=en');
    expect(window.history.length).toBe(before);
  });

  it('a reload (no token in the address) finds the session; a fresh address replaces an old token', () => {
    open(`/?token=${TOKEN}`);
    adminSession(window);
    open('/#/integration-hub');
    expect(adminSession(window).token()).toBe(TOKEN);
    open('/?token=a-newer-token-printed-after-a-restart');
    expect(adminSession(window).token()).toBe('a-newer-token-printed-after-a-restart');
  });

  it('without a token anywhere there is no session; forget() ends one', () => {
    expect(adminSession(window).token()).toBeNull();
    open(`/?token=${TOKEN}`);
    const session = adminSession(window);
    session.forget();
    expect(session.token()).toBeNull();
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('still works for this page load when sessionStorage refuses writes', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => { throw new DOMException('quota', 'QuotaExceededError'); });
    open(`/?token=${TOKEN}`);
    expect(adminSession(window).token()).toBe(TOKEN);
    expect(window.location.search).toBe('');
    vi.restoreAllMocks();
  });
});

describe('pickClient', () => {
  it('in a browser with the token: the HTTP client; without it: null (the sign-in screen)', () => {
    expect(pickClient()).toBeNull();
    open(`/?token=${TOKEN}`);
    const client = pickClient();
    expect(client).not.toBeNull();
    expect(typeof client?.getStats).toBe('function');
  });

  it('in Electron (window.hub): the IPC bridge, and the address and sessionStorage are left alone', async () => {
    const getStats = vi.fn(async () => ({ queueDepth: 7 }));
    window.hub = { getStats } as unknown as HubClient;
    open(`/?token=${TOKEN}`);
    const client = pickClient();
    expect(await client?.getStats()).toEqual({ queueDepth: 7 });
    expect(getStats).toHaveBeenCalledOnce();
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();
    expect(window.location.search).toBe(`?token=${TOKEN}`);
  });
});
