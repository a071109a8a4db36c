import { describe, expect, it, vi } from 'vitest';
import type { EndpointHealth, Stats } from '../../shared/api.ts';
import type { HubChange } from '../../shared/api.ts';
import { DELIVERY_STATES, type DeliveryState } from '../../shared/delivery.ts';
import { trayStatus } from '../../electron/desktop/tray-status.ts';
import { endpointAlerts } from '../../electron/desktop/endpoint-alerts.ts';
import { watchStats } from '../../electron/desktop/stats-watch.ts';

function endpoint(hook: EndpointHealth['hook'], status: EndpointHealth['status'], extra: Partial<EndpointHealth> = {}): EndpointHealth {
  return {
    partnerId: 'p1', partnerName: 'Order webhook', hook, url: `https://partner.example/${hook}`, enabled: status !== 'off', status, failingSince: null,
    lastError: null, lastStatus: null, nextProbeAt: null, heldBehind: null, waiting: 0, goneAt: null, recovery: null, ...extra,
  };
}

function stats(endpoints: EndpointHealth[], queueDepth = 0, counts: Partial<Record<DeliveryState, number>> = {}): Stats {
  return { counts: { ...Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])), ...counts } as Record<DeliveryState, number>, queueDepth, notDelivered: (counts.failed ?? 0) + (counts.dead ?? 0), endpoints, partners: [], hourly: [] };
}

describe('tray status', () => {
  it('names the partner on every line when the store has several, and counts failing partners, not hooks', () => {
    const kitchen = (hook: EndpointHealth['hook'], status: EndpointHealth['status'], extra: Partial<EndpointHealth> = {}) =>
      endpoint(hook, status, { partnerId: 'p2', partnerName: 'Kitchen Display', ...extra });
    const status = trayStatus(stats([
      endpoint('open', 'up'), endpoint('update', 'rejecting', { waiting: 2, lastStatus: 401 }), endpoint('close', 'off'),
      kitchen('open', 'backing-off', { waiting: 12 }), kitchen('update', 'held', { waiting: 3, heldBehind: 'open' }), kitchen('close', 'up'),
    ], 17));
    expect(status.tooltip).toBe('Order Webhook Hub: 17 waiting, 2 partners failing');
    expect(status.alert).toBe(true);
    expect(status.lines).toEqual([
      'Queue: 17 waiting',
      'Order webhook — Open Order Web Hooks: OK',
      'Order webhook — Update Order Web Hooks: partner refuses the orders (401), 2 waiting',
      'Kitchen Display — Open Order Web Hooks: not answering, 12 waiting',
      'Kitchen Display — Update Order Web Hooks: waiting behind Open Order Web Hooks, 3 waiting',
      'Kitchen Display — Close Order Web Hooks: OK',
    ]);
  });

  it('says everything is delivered when the queue is empty', () => {
    const status = trayStatus(stats([endpoint('open', 'up'), endpoint('update', 'off'), endpoint('close', 'up')]));
    expect(status.tooltip).toBe('Order Webhook Hub: all delivered');
    expect(status.alert).toBe(false);
    expect(status.lines).toEqual(['Queue: all delivered', 'Open Order Web Hooks: OK', 'Close Order Web Hooks: OK']);
  });

  it('shows the queue, failing partners and given-up deliveries', () => {
    const status = trayStatus(stats([
      endpoint('open', 'backing-off', { waiting: 12, lastError: 'Connection refused' }),
      endpoint('update', 'up', { waiting: 1 }),
      endpoint('close', 'stopped', { waiting: 2, goneAt: '2026-11-27T19:00:00.000Z' }),
    ], 15, { failed: 1, dead: 2 }));
    expect(status.tooltip).toBe('Order Webhook Hub: 15 waiting, 1 partner failing'); // two of one partner's hooks
    expect(status.tooltip.length).toBeLessThan(128); // Windows truncates tray tooltips at 127 characters
    expect(status.alert).toBe(true);
    expect(status.lines).toEqual([
      'Queue: 15 waiting',
      'Open Order Web Hooks: not answering, 12 waiting',
      'Update Order Web Hooks: OK, 1 waiting',
      'Close Order Web Hooks: partner asked to stop, 2 waiting',
      'Not delivered: 3 (re-send from the log)',
    ]);
  });

  it('says it is starting before the first stats arrive', () => {
    expect(trayStatus(null)).toMatchObject({ tooltip: 'Order Webhook Hub: starting…', alert: false });
  });
});

describe('endpoint alerts', () => {
  const t0 = Date.parse('2026-11-27T19:00:00.000Z');
  const failingSince = new Date(t0).toISOString();
  const up = [endpoint('open', 'up'), endpoint('close', 'up')];
  const down = [endpoint('open', 'backing-off', { lastError: 'Timed out after 10 s', waiting: 4, failingSince }), endpoint('close', 'up')];

  it('names the partner when the store has several, and says a rejecting partner refuses the key', () => {
    const loyalty = (hook: EndpointHealth['hook'], status: EndpointHealth['status'], extra: Partial<EndpointHealth> = {}) =>
      endpoint(hook, status, { partnerId: 'p2', partnerName: 'Loyalty Co', ...extra });
    let step = endpointAlerts(null, [...up, loyalty('update', 'up')], t0);
    step = endpointAlerts(step.state, [...up, loyalty('update', 'backing-off', { waiting: 12, failingSince })], t0 + 61_000);
    expect(step.alerts.map((a) => a.title)).toEqual(['Loyalty Co — Update Order Web Hooks not answering, 12 waiting']);
    step = endpointAlerts(null, [...up, loyalty('update', 'up')], t0);
    step = endpointAlerts(step.state, [endpoint('open', 'rejecting', { lastStatus: 401, failingSince }), endpoint('close', 'up'), loyalty('update', 'up')], t0 + 61_000);
    expect(step.alerts.map((a) => a.title)).toEqual(['Order webhook — Open Order Web Hooks refusing orders (HTTP 401)']);
    expect(step.alerts[0]!.body).toMatch(/refuses the API key/);
  });

  it('tells of a partner failing only once it has failed for a minute, once, then of its recovery', () => {
    let step = endpointAlerts(null, up, t0);
    expect(step.alerts).toEqual([]);
    step = endpointAlerts(step.state, down, t0 + 5_000);
    expect(step.alerts).toEqual([]); // one timeout is not news
    step = endpointAlerts(step.state, down, t0 + 61_000);
    expect(step.alerts).toEqual([expect.objectContaining({ hook: 'open', kind: 'failing', title: 'Open Order Web Hooks not answering, 4 waiting' })]);
    expect(step.alerts[0]!.body).toContain('Timed out after 10 s');
    expect(step.alerts[0]!.body).toContain('4 orders are waiting');
    step = endpointAlerts(step.state, down, t0 + 120_000);
    expect(step.alerts).toEqual([]);
    step = endpointAlerts(step.state, up, t0 + 130_000);
    expect(step.alerts).toEqual([expect.objectContaining({ hook: 'open', kind: 'recovered', title: 'Open Order Web Hooks: partner back' })]);
    expect(endpointAlerts(step.state, up, t0 + 140_000).alerts).toEqual([]);
  });

  it('says nothing about a short outage that healed within the grace period', () => {
    const first = endpointAlerts(null, up, t0);
    const blip = endpointAlerts(first.state, down, t0 + 10_000);
    expect(endpointAlerts(blip.state, up, t0 + 20_000).alerts).toEqual([]);
  });

  it('does not replay trouble present at start-up, but announces its recovery', () => {
    const start = endpointAlerts(null, down, t0 + 3_600_000);
    expect(start.alerts).toEqual([]);
    expect(endpointAlerts(start.state, down, t0 + 3_700_000).alerts).toEqual([]);
    expect(endpointAlerts(start.state, up, t0 + 3_700_000).alerts).toEqual([expect.objectContaining({ kind: 'recovered' })]);
  });

  it('tells at once of a partner that asked to stop (410), also when it was already failing', () => {
    const gone = [endpoint('update', 'stopped', { goneAt: failingSince, failingSince, waiting: 1 })];
    const fromUp = endpointAlerts(endpointAlerts(null, [endpoint('update', 'up')], t0).state, gone, t0 + 1_000);
    expect(fromUp.alerts).toEqual([expect.objectContaining({ kind: 'gone', title: 'Update Order Web Hooks: partner asked to stop' })]);
    expect(endpointAlerts(fromUp.state, gone, t0 + 2_000).alerts).toEqual([]);
    const failing = endpointAlerts(endpointAlerts(null, [endpoint('update', 'up')], t0).state, [endpoint('update', 'backing-off', { failingSince })], t0 + 90_000);
    expect(failing.alerts).toEqual([expect.objectContaining({ kind: 'failing' })]);
    expect(endpointAlerts(failing.state, gone, t0 + 95_000).alerts).toEqual([expect.objectContaining({ kind: 'gone' })]);
  });

  it('ignores hooks turned off or on', () => {
    const failing = endpointAlerts(endpointAlerts(null, [endpoint('open', 'up')], t0).state, [endpoint('open', 'backing-off', { failingSince })], t0 + 90_000);
    expect(endpointAlerts(failing.state, [endpoint('open', 'off')], t0 + 95_000).alerts).toEqual([]);
    expect(endpointAlerts(endpointAlerts(null, [endpoint('open', 'off')], t0).state, [endpoint('open', 'up')], t0 + 1_000).alerts).toEqual([]);
  });
});

describe('stats watch', () => {
  function manualTimers() {
    let now = 0;
    const timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
    return {
      now: () => now,
      setTimer(fn: () => void, ms: number) {
        const timer = { at: now + ms, fn, cancelled: false };
        timers.push(timer);
        return () => { timer.cancelled = true; };
      },
      async advance(ms: number) {
        const end = now + ms;
        for (;;) {
          const next = timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
          if (!next) break;
          now = next.at;
          next.cancelled = true;
          next.fn();
          await flush();
        }
        now = end;
      },
    };
  }
  const flush = () => new Promise((resolve) => setImmediate(resolve));

  it('refreshes on hub changes at most once per interval, however many changes arrive, and polls slowly', async () => {
    const clock = manualTimers();
    let listener: ((change: HubChange) => void) | null = null;
    const getStats = vi.fn(async () => stats([], getStats.mock.calls.length));
    const hub = { service: { getStats } as never, onChange: (l: (change: HubChange) => void) => { listener = l; return () => { listener = null; }; } };
    const watch = watchStats(hub, { minIntervalMs: 2000, pollMs: 30_000, now: clock.now, setTimer: clock.setTimer });
    const seen: number[] = [];
    watch.subscribe((s) => seen.push(s.queueDepth));
    await flush();
    expect(getStats).toHaveBeenCalledTimes(1);

    for (let i = 0; i < 100; i++) listener!({ changed: 1, at: '' });
    await flush();
    expect(getStats).toHaveBeenCalledTimes(1);
    await clock.advance(2000);
    expect(getStats).toHaveBeenCalledTimes(2);
    expect(watch.current()?.queueDepth).toBe(2);

    await clock.advance(30_000);
    expect(getStats).toHaveBeenCalledTimes(3);
    expect(seen).toEqual([1, 2, 3]);

    watch.stop();
    expect(listener).toBeNull();
    await clock.advance(120_000);
    expect(getStats).toHaveBeenCalledTimes(3);
  });

  it('keeps going after a failed refresh', async () => {
    const clock = manualTimers();
    const onError = vi.fn();
    const getStats = vi.fn().mockRejectedValueOnce(new Error('database is locked')).mockResolvedValue(stats([], 7));
    const watch = watchStats({ service: { getStats } as never, onChange: () => () => {} }, { now: clock.now, setTimer: clock.setTimer, onError, pollMs: 5000 });
    await flush();
    expect(onError).toHaveBeenCalledTimes(1);
    await clock.advance(5000);
    expect(watch.current()?.queueDepth).toBe(7);
    watch.stop();
  });
});
