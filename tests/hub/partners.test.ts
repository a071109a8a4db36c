// Several partners per store (contract §7): fan-out with each partner's own URL, key and
// signature; partners independent (one down or hanging never delays another); backfill and
// removal; and clear refusals for bad input. Real SQLite files, real HTTP receivers.
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { PartnerInput } from '../../shared/partners.ts';
import { generateSigningSecret } from '../../electron/hub/delivery/signature.ts';
import { ManualClock, postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { checkLifecycle, makeEvent } from '../support/events.ts';
import type { RecordedRequest } from '../support/test-receiver.ts';
import { waitUntil } from '../support/reliability-kit.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();
const HOUR = 3_600_000;
const typeOf = (r: RecordedRequest) => (r.json as { type: string }).type;
const checkOf = (r: RecordedRequest) => (r.json as { data: { check: { checkId: string } } }).data.check.checkId;

function partnerInput(name: string, baseUrl: string, key: string, overrides: Partial<PartnerInput> = {}): PartnerInput {
  return { name, ...settingsFor(baseUrl, { requestHeader: { name: 'X-Partner-Key', value: key }, signingSecret: generateSigningSecret() }), ...overrides };
}

/** A hub whose first partner is `loyalty` and second `kitchen`, each with its own receiver, key and secret. */
async function twoPartners(options: Parameters<typeof kit.hub>[0] = {}, modes: { loyalty?: Parameters<typeof kit.receiver>[0]; kitchen?: Parameters<typeof kit.receiver>[0] } = {}) {
  const loyaltyUrl = await kit.receiver(modes.loyalty);
  const kitchenUrl = await kit.receiver(modes.kitchen);
  const hub = await kit.hub(options);
  const loyaltyInput = partnerInput('Loyalty Co', loyaltyUrl.url, 'loyalty-key-0123456789abcdef');
  const first = await hub.service.savePartner('p1', loyaltyInput);
  const kitchenInput = partnerInput('Kitchen Display', kitchenUrl.url, 'kitchen-key-0123456789abcdef');
  const second = await hub.service.addPartner(kitchenInput);
  return {
    hub, loyalty: { receiver: loyaltyUrl, id: first.id, input: loyaltyInput }, kitchen: { receiver: kitchenUrl, id: second.id, input: kitchenInput },
  };
}

describe('fan-out', () => {
  it('one accepted event becomes one delivery per partner, each with its own URL, header and signature', async () => {
    const { hub, loyalty, kitchen } = await twoPartners({ clock: { now: () => Date.now() } }); // signatures are checked against the real time
    expect(kitchen.id).toBe('p2');
    const event = makeEvent({ type: 'check.updated' });
    expect((await postEvents(hub, event)).json).toEqual({ accepted: 1, duplicates: 0 });
    await settle(hub);
    for (const [partner, other] of [[loyalty, kitchen], [kitchen, loyalty]] as const) {
      expect(partner.receiver.requests).toHaveLength(1);
      const [request] = partner.receiver.requests;
      expect(request!.path).toBe('/update');
      expect(request!.headers['x-partner-key']).toBe(partner.input.requestHeader.value);
      expect(() => new Webhook(partner.input.signingSecret!).verify(request!.body, request!.headers)).not.toThrow();
      expect(() => new Webhook(other.input.signingSecret!).verify(request!.body, request!.headers)).toThrow(); // its own secret only
    }
    const log = await hub.service.listDeliveries({ limit: 10 });
    expect(log.items.map((d) => [d.partnerId, d.partnerName, d.state]).sort()).toEqual([['p1', 'Loyalty Co', 'delivered'], ['p2', 'Kitchen Display', 'delivered']]);
    expect((await hub.service.listDeliveries({ partner: 'p2', limit: 10 })).items.map((d) => d.partnerId)).toEqual(['p2']);
    expect(loyalty.receiver.requests[0]!.headers['webhook-id']).not.toBe(kitchen.receiver.requests[0]!.headers['webhook-id']);
  });

  it('routes per partner: a partner with a hook set to NO gets nothing for it, the other still does', async () => {
    const { hub, loyalty, kitchen } = await twoPartners();
    await hub.service.savePartner(kitchen.id, { ...kitchen.input, hooks: { ...kitchen.input.hooks, close: { url: `${kitchen.receiver.url}/close`, enabled: false } } });
    await postEvents(hub, makeEvent({ type: 'check.closed' }));
    await settle(hub);
    expect(loyalty.receiver.requests.map((r) => r.path)).toEqual(['/close']);
    expect(kitchen.receiver.requests).toHaveLength(0);
  });
});

describe('partners are independent', () => {
  it('with one partner down (503) the other receives new orders within a second; the one that was down drains in per-check order', async () => {
    let loyaltyUp = false;
    const { hub, loyalty, kitchen } = await twoPartners({ clock: undefined }, { loyalty: { mode: () => (loyaltyUp ? { kind: 'ok' } : { kind: 'fail', status: 503 }) } });
    for (const checkId of ['c-1', 'c-2', 'c-3']) {
      const started = Date.now();
      await postEvents(hub, { events: checkLifecycle({ checkId, source: 'OLO', updates: 1 }) });
      await kitchen.receiver.waitFor((r) => checkOf(r) === checkId, 1_000, 3);
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    await waitUntil(async () => (await hub.service.getStats({ partner: kitchen.id })).queueDepth === 0, 5_000, () => 'kitchen answers recorded');
    const stats = await hub.service.getStats();
    expect(stats.partners.find((p) => p.id === loyalty.id)).toMatchObject({ status: 'backing-off', waiting: 9 });
    expect(stats.partners.find((p) => p.id === kitchen.id)).toMatchObject({ status: 'up', waiting: 0 });
    loyaltyUp = true;
    await hub.service.checkEndpoint(loyalty.id, 'open'); // the manager presses Check now
    await waitUntil(() => loyalty.receiver.requests.filter((r) => r.headers['webhook-id'] && r.json).length >= 9 + 1, 15_000, () => `${loyalty.receiver.requests.length} loyalty requests`);
    await waitUntil(async () => (await hub.service.getStats({ partner: loyalty.id })).queueDepth === 0, 15_000, () => 'loyalty queue empty');
    const delivered = new Map<string, string[]>();
    const okIds = new Set((await hub.service.listDeliveries({ partner: loyalty.id, state: 'delivered', limit: 50 })).items.map((d) => d.webhookId));
    for (const request of loyalty.receiver.requests.filter((r) => okIds.has(r.headers['webhook-id']!))) {
      if (delivered.get(checkOf(request))?.includes(typeOf(request))) continue; // a retry of the probe
      delivered.set(checkOf(request), [...(delivered.get(checkOf(request)) ?? []), typeOf(request)]);
    }
    for (const checkId of ['c-1', 'c-2', 'c-3']) expect(delivered.get(checkId)).toEqual(['order.opened', 'order.updated', 'order.closed']);
  });

  it('a partner that hangs does not hold up the other', async () => {
    const { hub, kitchen } = await twoPartners({ delivery: { timeoutMs: 5_000 } }, { loyalty: { mode: { kind: 'hang' } } });
    const started = Date.now();
    await postEvents(hub, { events: ['c-1', 'c-2', 'c-3', 'c-4'].map((checkId) => makeEvent({ check: { checkId } })) });
    await kitchen.receiver.waitFor(4, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('backfill', () => {
  it('queues the kept orders of a range the new partner takes, in POS order per check, ahead of its newer live deliveries', async () => {
    const clock = new ManualClock();
    const loyalty = await kit.receiver();
    const hub = await kit.hub({ clock });
    await hub.service.saveSettings(settingsFor(loyalty.url));
    await postEvents(hub, { events: checkLifecycle({ checkId: 'old-1', source: 'OLO', updates: 1, startAt: clock.now() }).slice(0, 2) });
    clock.advance(HOUR);
    await postEvents(hub, { events: checkLifecycle({ checkId: 'old-2', source: 'POS', updates: 1, startAt: clock.now() }) });
    await settle(hub);
    clock.advance(10 * 60_000);

    const kitchen = await kit.receiver({ mode: { kind: 'fail', status: 503 } }); // down while it is added
    const input = partnerInput('Kitchen Display', kitchen.url, 'kitchen-key-0123456789abcdef');
    const twoHours = { since: new Date(clock.now() - 2 * HOUR).toISOString() };
    expect(await hub.service.previewBackfill({ hooks: input.hooks, thirdPartyOrders: input.thirdPartyOrders, ...twoHours })).toEqual({ queued: 5 });
    expect(await hub.service.previewBackfill({ hooks: input.hooks, thirdPartyOrders: false, ...twoHours })).toEqual({ queued: 4 }); // a POS order needs 3rd party YES
    const added = await hub.service.addPartner(input);
    // A live event of check old-1 arrives before the backfill is confirmed.
    await postEvents(hub, checkLifecycle({ checkId: 'old-1', source: 'OLO', updates: 1, startAt: clock.now() })[2]!);
    await settle(hub);
    expect(await hub.service.backfillPartner(added.id, { ...twoHours, dryRun: true })).toEqual({ queued: 5 });
    expect(await hub.service.backfillPartner(added.id, twoHours)).toEqual({ queued: 5 });
    expect(await hub.service.backfillPartner(added.id, twoHours)).toEqual({ queued: 0 }); // it has them now
    kitchen.setMode({ kind: 'ok' });
    kitchen.clear();
    clock.advance(HOUR);
    await settle(hub, 100);
    const ofCheck = (id: string) => kitchen.requests.filter((r) => checkOf(r) === id).map(typeOf);
    expect(ofCheck('old-1')).toEqual(['order.opened', 'order.updated', 'order.closed']);
    expect(ofCheck('old-2')).toEqual(['order.opened', 'order.updated', 'order.closed']);
    expect(loyalty.requests).toHaveLength(6); // the first partner got each event once
  });

  it('reads a long range page by page and queues every event once (more than one page of events)', async () => {
    const clock = new ManualClock();
    const hub = await kit.hub({ clock });
    await hub.service.saveSettings(settingsFor(`http://127.0.0.1:9`, { hooks: { open: { url: '', enabled: false }, update: { url: '', enabled: false }, close: { url: '', enabled: false } }, thirdPartyOrders: false }));
    for (let batch = 0; batch < 5; batch++) {
      await postEvents(hub, { events: Array.from({ length: 500 }, (_, i) => makeEvent({ type: 'check.updated', check: { checkId: `c-${batch}-${i % 50}` } })) });
    }
    const receiver = await kit.receiver({ mode: { kind: 'fail', status: 503 } });
    const added = await hub.service.addPartner(partnerInput('Accounting', receiver.url, 'accounting-key-0123456789'));
    const range = { since: new Date(clock.now() - HOUR).toISOString() };
    expect(await hub.service.backfillPartner(added.id, { ...range, dryRun: true })).toEqual({ queued: 2_500 });
    expect(await hub.service.backfillPartner(added.id, range)).toEqual({ queued: 2_500 });
    expect(await hub.service.backfillPartner(added.id, range)).toEqual({ queued: 0 });
    const heads = hub.internals.db.prepare(
      "SELECT COUNT(*) AS heads, COUNT(DISTINCT check_key) AS lanes FROM deliveries WHERE partner_id = ? AND (next_attempt_at IS NOT NULL OR state = 'delivering')",
    ).get(added.id);
    expect(heads).toEqual({ heads: 250, lanes: 250 }); // one head per check, the rest wait in POS order
  });

  it('retention never prunes an event a partner still needs', async () => {
    const clock = new ManualClock();
    const { hub, kitchen } = await twoPartners({ clock }, { kitchen: { mode: { kind: 'fail', status: 503 } } });
    await postEvents(hub, makeEvent({ check: { checkId: 'c-kept' } }));
    await settle(hub);
    clock.advance(40 * 24 * HOUR); // the first partner's delivery is long past retention
    while (hub.internals.pruneOnce() > 0) { /* prune everything prunable */ }
    expect(hub.internals.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    kitchen.receiver.setMode({ kind: 'ok' });
    await hub.service.retryDelivery((await hub.service.listDeliveries({ partner: kitchen.id, limit: 1 })).items[0]!.id);
    await settle(hub);
    expect(kitchen.receiver.requests.at(-1)!.json).toMatchObject({ data: { check: { checkId: 'c-kept' } } });
  });
});

describe('removing a partner', () => {
  it('cancels what waits for it (kept in the log under its name), stops sending at once, and records in-flight attempts without retrying them', async () => {
    const clock = new ManualClock();
    const { hub, kitchen } = await twoPartners({ clock }, { kitchen: { mode: { kind: 'fail', status: 503, } } });
    await postEvents(hub, { events: checkLifecycle({ checkId: 'c-1', source: 'OLO', updates: 1, startAt: clock.now() }) });
    await settle(hub);
    kitchen.receiver.setMode({ kind: 'ok', delayMs: 300 });
    clock.advance(HOUR);
    hub.internals.dispatcher.wake();
    await kitchen.receiver.waitFor(2); // a probe is in flight now
    kitchen.receiver.setMode({ kind: 'fail', status: 503 });
    const removed = await hub.service.removePartner(kitchen.id);
    expect(removed).toMatchObject({ id: kitchen.id, name: 'Kitchen Display', cancelled: 2 });
    await settle(hub);
    clock.advance(HOUR);
    await settle(hub);
    const theirs = (await hub.service.listDeliveries({ partner: kitchen.id, limit: 10 })).items;
    expect(theirs.map((d) => d.partnerName)).toEqual(['Kitchen Display', 'Kitchen Display', 'Kitchen Display']);
    expect(theirs.map((d) => d.state).sort()).toEqual(['cancelled', 'cancelled', 'delivered']); // the in-flight one was recorded
    expect(kitchen.receiver.requests).toHaveLength(2);
    await expect(hub.service.resendDelivery(theirs.find((d) => d.state === 'cancelled')!.id)).rejects.toMatchObject({ code: 'partner_removed', status: 409 });
    expect((await hub.service.listPartners()).map((p) => p.id)).toEqual(['p1']);
    expect((await hub.service.getStats()).endpoints.every((e) => e.partnerId === 'p1')).toBe(true);
  });

  it('an in-flight attempt to a removed partner that fails is recorded and never retried', async () => {
    const clock = new ManualClock();
    const { hub, kitchen } = await twoPartners({ clock }, { kitchen: { mode: { kind: 'fail', status: 503 } } });
    await postEvents(hub, makeEvent({ check: { checkId: 'c-1' } }));
    await settle(hub);
    kitchen.receiver.setMode({ kind: 'fail', status: 503, retryAfter: '0' });
    const slow = kitchen.receiver;
    slow.setMode(() => ({ kind: 'hang' }));
    clock.advance(HOUR);
    hub.internals.dispatcher.wake();
    await slow.waitFor(2);
    await hub.service.removePartner(kitchen.id);
    await slow.close(); // the hanging attempt fails now (connection reset)
    await waitUntil(() => hub.internals.dispatcher.inFlightCount() === 0, 5_000, () => 'attempt finished');
    await settle(hub);
    const [theirs] = (await hub.service.listDeliveries({ partner: kitchen.id, limit: 1 })).items;
    expect(theirs).toMatchObject({ state: 'cancelled', attempts: 2 });
  });
});

describe('saving a page', () => {
  it('tells the live screens even when it cancels and retries nothing (a new key ends a rejection; a rename)', async () => {
    const { hub, kitchen } = await twoPartners();
    await new Promise((resolve) => setTimeout(resolve, 600)); // the setup's own changes are pushed first
    const changes: number[] = [];
    hub.onChange((change) => changes.push(change.changed));
    await hub.service.savePartner(kitchen.id, { ...kitchen.input, name: 'Kitchen Display 2', requestHeader: { name: 'X-Partner-Key', value: 'a-new-key-0123456789abcdef' } });
    await waitUntil(() => changes.length > 0, 2_000, () => 'no change pushed after the save');
    expect((await hub.service.getStats()).partners.map((p) => p.name)).toContain('Kitchen Display 2');
  });
});

describe('bad input', () => {
  it('refuses an empty, too long or duplicate name, with per-field details, nothing saved', async () => {
    const { hub, kitchen } = await twoPartners();
    const base = kitchen.input;
    for (const [name, message] of [['', /Enter a name/], ['x'.repeat(61), /at most 60/], ['  loyalty co ', /already called "Loyalty Co"/]] as const) {
      await expect(hub.service.addPartner({ ...base, name })).rejects.toMatchObject({ status: 400, details: [expect.objectContaining({ path: 'name', message: expect.stringMatching(message) })] });
    }
    await expect(hub.service.savePartner(kitchen.id, { ...base, name: 'Loyalty Co' })).rejects.toMatchObject({ status: 400 });
    await expect(hub.service.addPartner({ ...base, name: 'Bad', hooks: { ...base.hooks, open: { url: 'nope', enabled: true } }, requestHeader: { name: 'Bad Name', value: 'x' } }))
      .rejects.toMatchObject({ status: 400, details: expect.arrayContaining([expect.objectContaining({ path: 'hooks.open.url' }), expect.objectContaining({ path: 'requestHeader.name' })]) });
    expect((await hub.service.listPartners()).map((p) => p.name)).toEqual(['Loyalty Co', 'Kitchen Display']);
  });

  it('refuses a 21st partner and unknown partner ids', async () => {
    const receiver = await kit.receiver();
    const hub = await kit.hub();
    for (let i = 2; i <= 20; i++) await hub.service.addPartner(partnerInput(`Partner ${i}`, receiver.url, `key-${i}-0123456789abcdef`));
    await expect(hub.service.addPartner(partnerInput('One too many', receiver.url, 'key-21-0123456789abcdef'))).rejects.toMatchObject({ code: 'partner_limit', status: 409 });
    expect(await hub.service.listPartners()).toHaveLength(20);
    await expect(hub.service.getPartner('p99')).rejects.toMatchObject({ status: 404 });
    await expect(hub.service.savePartner('p99', partnerInput('Ghost', receiver.url, 'k'))).rejects.toMatchObject({ status: 404 });
    await expect(hub.service.removePartner('p99')).rejects.toMatchObject({ status: 404 });
    await expect(hub.service.backfillPartner('p99', { since: new Date().toISOString() })).rejects.toMatchObject({ status: 404 });
    await expect(hub.service.getStats({ partner: 'p99' })).rejects.toMatchObject({ status: 404 });
  });

  it('keeps at least one partner page', async () => {
    const hub = await kit.hub();
    await expect(hub.service.removePartner('p1')).rejects.toMatchObject({ code: 'last_partner', status: 409 });
  });
});
