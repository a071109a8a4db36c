// Upgrading a store from 0.1.0 (one partner) loses nothing: the data folder committed in
// tests/fixtures/data-folder-0.1.0 (written by 0.1.0 itself, with delivered history and a queue of
// pending and retrying deliveries to a partner that had stopped answering) opens with its page as
// the first partner, every queued delivery belonging to it, and drains in per-check order with the
// stored API key and signing secret once the URL is fixed. A newer format is refused untouched.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { ManualClock, settle, startTestHub } from '../support/hub-fixture.ts';
import { FIXTURE_ADMIN_TOKEN, FIXTURE_API_KEY, FIXTURE_POS_TOKEN, FIXTURE_SIGNING_SECRET, copyFixture } from '../fixtures/data-folder-0.1.0.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();

function fixtureCopy(): string {
  const dir = kit.dataDir();
  copyFixture(dir);
  return dir;
}

const queuedInFixture = (dir: string) => {
  const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as { settings: { hooks: { open: { url: string } } } };
  return config.settings.hooks.open.url;
};

describe('upgrade from a 0.1.0 data folder', () => {
  it('opens with its settings as the first partner, every delivery its own, nothing changed a partner sees', async () => {
    const dir = fixtureCopy();
    const oldUrl = queuedInFixture(dir);
    const hub = await kit.hub({ dataDir: dir, clock: new ManualClock(Date.parse('2026-11-27T18:05:00.000Z')) });

    const partners = await hub.service.listPartners();
    expect(partners).toHaveLength(1);
    expect(partners[0]).toMatchObject({
      id: 'p1', name: 'Order webhook', thirdPartyOrders: true,
      requestHeader: { name: 'X-API-Key', hasValue: true },
      hooks: { open: { url: `${oldUrl}`, enabled: true }, update: { enabled: true }, close: { enabled: true } },
    });
    expect(await hub.service.getSettings()).toEqual((({ id: _id, name: _name, ...page }) => page)(partners[0]!));
    const stats = await hub.service.getStats();
    expect(stats.counts).toMatchObject({ delivered: 12, pending: 14, retrying: 1, failed: 0, dead: 0 });
    expect(stats.queueDepth).toBe(15);
    expect(stats.endpoints.reduce((sum, e) => sum + e.waiting, 0)).toBe(15);
    const owners = hub.internals.db.prepare('SELECT DISTINCT partner_id FROM deliveries').pluck().all();
    expect(owners).toEqual(['p1']);
    const log = await hub.service.listDeliveries({ limit: 100 });
    expect(log.items).toHaveLength(27);
    expect(log.items.every((d) => d.partnerId === 'p1' && d.partnerName === 'Order webhook')).toBe(true);
    // The tokens the POS and the manager already use are the same.
    expect(hub.posToken).toBe(FIXTURE_POS_TOKEN);
    expect(hub.adminToken).toBe(FIXTURE_ADMIN_TOKEN);
  });

  it('drains the old queue in per-check order with the stored API key and signature once the URL is fixed', async () => {
    const dir = fixtureCopy();
    const webhookIdsBefore = new Map((await (async () => {
      const probe = await startTestHub({ dataDir: dir, clock: new ManualClock(Date.parse('2026-11-27T18:05:00.000Z')) });
      const rows = probe.internals.db.prepare("SELECT id, webhook_id FROM deliveries WHERE state <> 'delivered'").all() as { id: number; webhook_id: string }[];
      await probe.close();
      return rows.map((r) => [r.id, r.webhook_id] as const);
    })()));
    const partner = await kit.receiver();
    const hub = await kit.hub({ dataDir: dir, clock: new ManualClock(Date.parse('2026-11-27T18:06:00.000Z')) });
    const page = await hub.service.getSettings();
    const url = (hook: string) => `${partner.url}/${hook}`;
    // Fix the URLs only: the stored key is kept (value left out), as a manager's Save does.
    await hub.service.saveSettings({
      requestHeader: { name: page.requestHeader.name }, thirdPartyOrders: page.thirdPartyOrders,
      hooks: { open: { url: url('open'), enabled: true }, update: { url: url('update'), enabled: true }, close: { url: url('close'), enabled: true } },
    });
    await settle(hub, 200);
    expect(partner.requests).toHaveLength(15);
    const verifier = new Webhook(FIXTURE_SIGNING_SECRET);
    for (const request of partner.requests) {
      expect(request.headers['x-api-key']).toBe(FIXTURE_API_KEY);
      // Signed with the stored secret (sign() rather than verify(): the test clock is in the past).
      const at = new Date(Number(request.headers['webhook-timestamp']) * 1000);
      expect(request.headers['webhook-signature']).toBe(verifier.sign(request.headers['webhook-id']!, at, request.body));
    }
    // Each check's events arrive in the order the POS sent them (opened, updated, closed).
    const byCheck = new Map<string, string[]>();
    for (const request of partner.requests) {
      const check = (request.json as { data: { check: { checkId: string } } }).data.check.checkId;
      byCheck.set(check, [...(byCheck.get(check) ?? []), (request.json as { type: string }).type]);
    }
    expect([...byCheck.keys()].sort()).toEqual(['queued-1', 'queued-2', 'queued-3', 'queued-4', 'queued-5']); // no delivered history again
    for (const types of byCheck.values()) expect(types).toEqual(['order.opened', 'order.updated', 'order.closed']);
    // Partners dedupe on webhook-id: the ids of the queued deliveries did not change.
    const sentIds = new Set(partner.requests.map((r) => r.headers['webhook-id']));
    expect(sentIds).toEqual(new Set(webhookIdsBefore.values()));
    expect((await hub.service.getStats()).counts).toMatchObject({ delivered: 27, pending: 0, retrying: 0 });
  });

  it('keeps its format on disk: config.json in the new shape, the key still in it, a second start the same', async () => {
    const dir = fixtureCopy();
    const first = await startTestHub({ dataDir: dir });
    await first.close();
    const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config.settings).toBeUndefined();
    expect(config.partners).toMatchObject([{ id: 'p1', name: 'Order webhook', requestHeader: { name: 'X-API-Key', value: FIXTURE_API_KEY } }]);
    expect(config.__internal__).toMatchObject({ migrations: { version: '0.2.0' } });
    const second = await kit.hub({ dataDir: dir });
    expect((await second.service.listPartners()).map((p) => p.id)).toEqual(['p1']);
    expect((await second.service.getStats()).counts.pending).toBe(14);
  });

  it('refuses a config.json written by a newer version, leaving it untouched', async () => {
    const dir = fixtureCopy();
    const file = path.join(dir, 'config.json');
    const newer = JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), __internal__: { migrations: { version: '9.0.0' } } });
    writeFileSync(file, newer);
    await expect(startTestHub({ dataDir: dir })).rejects.toThrow(/config\.json.*newer version.*9\.0\.0/s);
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });
});
