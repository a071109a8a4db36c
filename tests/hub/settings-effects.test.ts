// What saving settings does to the queue (contract §2): a fixed URL drains the backlog to the new
// URL at once (no waiting out backoff); a hook turned off cancels its waiting deliveries, which
// stay in the log and can be re-sent one by one or in bulk.
import { describe, expect, it } from 'vitest';
import { HubError } from '../../shared/client.ts';
import { ManualClock, postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import type { SettingsInput } from '../../shared/settings.ts';
import { countRows, deadUrl, deliveryRows, eventIdOf, useHubs } from './hub-kit.ts';

const kit = useHubs();

function withHook(input: SettingsInput, hook: 'open' | 'update' | 'close', change: Partial<SettingsInput['hooks']['open']>): SettingsInput {
  return { ...input, hooks: { ...input.hooks, [hook]: { ...input.hooks[hook], ...change } } };
}

const updates = (n: number) => Array.from({ length: n }, (_, i) => makeEvent({ type: 'check.updated', check: { checkId: `c-${i}` } }));

describe('saving settings', () => {
  it('a fixed URL drains the waiting backlog to the new URL at once', async () => {
    const clock = new ManualClock();
    const wrong = await kit.receiver({ mode: { kind: 'fail', status: 503 } });
    const right = await kit.receiver();
    const hub = await kit.hub({ clock });
    await hub.service.saveSettings(settingsFor(wrong.url));
    const events = updates(5);
    await postEvents(hub, { events });
    await settle(hub);
    const wrongHits = wrong.requests.length;
    expect(wrongHits).toBeGreaterThanOrEqual(1);
    expect(deliveryRows(hub).every((d) => d.state === 'retrying' || d.state === 'pending')).toBe(true);

    await hub.service.saveSettings(withHook(settingsFor(wrong.url), 'update', { url: `${right.url}/update` }));
    await settle(hub); // the manual clock did not move: nothing waited for its backoff
    expect(right.requests.map(eventIdOf).sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(wrong.requests).toHaveLength(wrongHits);
    expect(deliveryRows(hub).map((d) => d.state)).toEqual(Array(5).fill('delivered'));
    const detail = await hub.service.getDelivery(deliveryRows(hub)[0]!.id);
    expect(detail.attemptLog.at(-1)?.url).toBe(`${right.url}/update`);
  });

  it('a URL where nothing listens is retried, and fixing it delivers without advancing the clock', async () => {
    const clock = new ManualClock();
    const nowhere = await deadUrl();
    const partner = await kit.receiver();
    const hub = await kit.hub({ clock });
    await hub.service.saveSettings(settingsFor(nowhere));
    await postEvents(hub, { events: updates(3) });
    await settle(hub);
    const detail = await hub.service.getDelivery(deliveryRows(hub)[0]!.id);
    expect(detail.state).toBe('retrying');
    expect(detail.attemptLog[0]?.error).toMatch(/refused/i);
    await hub.service.saveSettings(settingsFor(partner.url));
    await settle(hub);
    expect(partner.requests).toHaveLength(3);
  });

  it('turning a hook off cancels its waiting deliveries; they stay listed and can be re-sent', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: { kind: 'fail', status: 503 } });
    const events = updates(3);
    await postEvents(hub, { events });
    await settle(hub);
    const base = settingsFor(partner.url);
    await hub.service.saveSettings(withHook(base, 'update', { enabled: false }));
    const cancelled = (await hub.service.listDeliveries({ state: 'cancelled' })).items;
    expect(cancelled).toHaveLength(3);
    expect(deliveryRows(hub).every((d) => d.state === 'cancelled' && d.next_attempt_at === null)).toBe(true);
    const before = partner.requests.length;
    clock.advance(3_600_000);
    await settle(hub);
    expect(partner.requests).toHaveLength(before); // nothing more is sent for a cancelled delivery

    // The partner fixed its side; the manager turns the hook back on and re-sends.
    partner.setMode({ kind: 'ok' });
    await hub.service.saveSettings(base);
    const oldest = cancelled.at(-1)!;
    const copy = await hub.service.resendDelivery(oldest.id);
    expect(copy.resentFrom).toBe(oldest.id);
    expect(copy.webhookId).not.toBe(oldest.webhookId);
    await settle(hub);
    expect((await hub.service.getDelivery(copy.id)).state).toBe('delivered');

    const range = { since: new Date(clock.now() - 86_400_000).toISOString(), until: new Date(clock.now() + 1).toISOString() };
    const { queued } = await hub.service.resendBulk({ hook: 'update', states: ['cancelled'], ...range });
    expect(queued).toBe(2); // the one already re-sent is not sent again
    await settle(hub);
    const delivered = partner.requests.filter((r) => r.index >= before).map(eventIdOf).sort();
    expect(delivered).toEqual(events.map((e) => e.eventId).sort());
    expect((await hub.service.listDeliveries({ state: 'cancelled' })).items).toHaveLength(3); // originals keep their state
    expect((await hub.service.resendBulk({ hook: 'update', states: ['cancelled'], ...range })).queued).toBe(0);
  });

  it('a delivery in flight when its hook is turned off is cancelled, not tried again', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: { kind: 'hang' } });
    await postEvents(hub, makeEvent());
    await partner.waitFor(1); // the attempt hangs at the partner
    await hub.service.saveSettings(withHook(settingsFor(partner.url), 'update', { enabled: false }));
    expect(deliveryRows(hub)[0]?.state).toBe('delivering');
    await partner.close(); // now the attempt fails (connection reset)
    await settle(hub);
    expect(deliveryRows(hub)[0]?.state).toBe('cancelled');
    clock.advance(3_600_000);
    await settle(hub);
    expect(countRows(hub, 'attempts')).toBe(1);
  });

  it('turning 3rd party orders off cancels waiting POS-opened deliveries but not OLO ones', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: { kind: 'fail', status: 503 } });
    await postEvents(hub, { events: [
      makeEvent({ type: 'check.opened', source: 'POS', check: { checkId: 'c-pos' } }),
      makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId: 'c-olo' } }),
    ] });
    await settle(hub);
    await hub.service.saveSettings(settingsFor(partner.url, { thirdPartyOrders: false }));
    const states = Object.fromEntries(deliveryRows(hub).map((d) => [d.check_id, d.state]));
    expect(states['c-pos']).toBe('cancelled');
    expect(['pending', 'retrying']).toContain(states['c-olo']);
  });

  it('re-sending a delivery that is still waiting is refused; Retry now sends it at once', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: { kind: 'fail', status: 500 } });
    await postEvents(hub, makeEvent());
    await settle(hub);
    const [row] = deliveryRows(hub);
    await expect(hub.service.resendDelivery(row!.id)).rejects.toBeInstanceOf(HubError);
    partner.setMode({ kind: 'ok' });
    await hub.service.retryDelivery(row!.id);
    await settle(hub);
    expect(partner.requests).toHaveLength(2);
    expect(deliveryRows(hub)[0]?.state).toBe('delivered');
  });
});
