// An in-process hub for core tests: temp data folder, OS-chosen ports, a manual clock and a fixed
// random source, so backoff tests take milliseconds; plus helpers to configure and post events.
import { createHub } from '../../electron/hub/create-hub.ts';
import type { HubOptions } from '../../electron/hub/hub-types.ts';
import type { SettingsInput } from '../../shared/settings.ts';
import type { PosEvent } from '../../shared/event.ts';
import { tempDataDir } from './hub-process.ts';

export type TestHub = Awaited<ReturnType<typeof createHub>>;

export class ManualClock {
  constructor(public ms = Date.parse('2026-11-27T12:00:00.000Z')) {}
  now = () => this.ms;
  advance(ms: number) { this.ms += ms; }
}

export async function startTestHub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  return createHub({
    dataDir: options.dataDir ?? tempDataDir(),
    ingestHost: '127.0.0.1',
    ingestPort: 0,
    adminPort: null,
    logLevel: 'silent',
    random: () => 0.5,
    ...options,
  });
}

/** Settings with all three hooks pointing at `baseUrl` (/open, /update, /close) and turned on. */
export function settingsFor(baseUrl: string, overrides: Partial<SettingsInput> = {}): SettingsInput {
  return {
    requestHeader: { name: 'X-API-Key', value: 'partner-key-0123456789abcdef' },
    hooks: {
      open: { url: `${baseUrl}/open`, enabled: true },
      update: { url: `${baseUrl}/update`, enabled: true },
      close: { url: `${baseUrl}/close`, enabled: true },
    },
    thirdPartyOrders: true,
    signingSecret: null,
    ...overrides,
  };
}

export async function postEvents(hub: { ingestUrl: string; posToken: string }, body: PosEvent | { events: PosEvent[] } | string, headers: Record<string, string> = {}) {
  const res = await fetch(hub.ingestUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.posToken}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json: json as Record<string, unknown>, headers: res.headers };
}

/** Runs the dispatcher until nothing is due or in flight (with a manual clock, time stands still). */
export async function settle(hub: TestHub, rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    hub.internals.dispatcher.wake();
    await hub.internals.dispatcher.whenIdle();
    await new Promise((resolve) => setImmediate(resolve));
    if (hub.internals.dispatcher.inFlightCount() === 0 && !hasDue(hub)) return;
  }
}

function hasDue(hub: TestHub): boolean {
  return hub.internals.db.prepare('SELECT 1 FROM deliveries WHERE next_attempt_at <= ? LIMIT 1').get(hub.internals.now()) !== undefined;
}
