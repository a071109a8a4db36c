// Issue 11: a 202 survives a real power cut, not only a killed process. The real hub process
// (`npm run serve`'s entry) runs with its data folder on the forgetful filesystem while three POS
// connections stream batches; again and again the power is cut — the disk stops, every write not
// yet fsynced is lost, the hub dies — and the machine "reboots": the folder is mounted again from
// what the disk kept and the hub is started on it. Cuts land at random moments of the stream and
// also during retention pruning, settings saves, POS-token regeneration, a clean stop, and the
// start-up after one. After every cut, before the hub starts again: hub.db is sound, every event
// that got a 202 is in it, every batch is whole or absent, a delivery recorded `delivered` is
// still delivered or queued to go again under the same webhook-id, a clean-stop seal exists only
// for the file a clean stop left; then the hub must start (no stale lock, no bad seal) with the
// settings of the last save answered 200, or those of a save the cut interrupted — never empty,
// never half, the partner's key never lost — and the POS token a regeneration answered with. In
// the end every acknowledged event reaches the partner, in order per check.
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { maskSecret } from '../../shared/mask.ts';
import type { SettingsView } from '../../shared/settings.ts';
import { forgetfulFsUnavailable, mountForgetfulFs, type ForgetfulMount } from '../support/forgetful-mount.ts';
import { settingsFor } from '../support/hub-fixture.ts';
import { startHubProcess, tempDataDir, type HubProcess } from '../support/hub-process.ts';
import { seededRandom } from '../support/events.ts';
import { adminCall, restartHub, waitUntil, withOutbox } from '../support/reliability-kit.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { writeOldHistory } from './lib/old-history.ts';
import { auditAfterCut, deliveredNow, fileHash } from './lib/outbox-audit.ts';
import { startPosStreams, type PosStreams } from './lib/pos-streams.ts';

const unavailable = await forgetfulFsUnavailable();
const SEED = Number(process.env.POWER_SEED ?? 11);
const HISTORY_EVENTS = 3_000;
const RETENTION_DAYS = 30;
const INITIAL_KEY = settingsFor('http://x').requestHeader.value!;

type CutKind = 'stream' | 'pruning' | 'settings save' | 'token regeneration' | 'clean stop' | 'start-up after a clean stop';
/** 24 cuts: the first during pruning (retention starts a minute after start-up), the rest shuffled. */
function planCuts(random: () => number): CutKind[] {
  const rest: CutKind[] = [
    ...Array<CutKind>(7).fill('stream'), ...Array<CutKind>(4).fill('settings save'), ...Array<CutKind>(4).fill('token regeneration'),
    ...Array<CutKind>(4).fill('clean stop'), ...Array<CutKind>(4).fill('start-up after a clean stop'),
  ];
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return ['pruning', ...rest];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wall time per phase, for the summary line. */
function phaseTimer() {
  const spent = new Map<string, number>();
  return {
    async time<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
      const started = performance.now();
      try {
        return await work();
      } finally {
        spent.set(phase, (spent.get(phase) ?? 0) + performance.now() - started);
      }
    },
    summary: () => [...spent].map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`).join(', '),
  };
}

describe.skipIf(unavailable !== null)(`power cuts (forgetful fs)${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let disk: ForgetfulMount | null = null;
  let receiver: Receiver | null = null;
  let hub: HubProcess | null = null;
  afterAll(async () => {
    await hub?.kill();
    await disk?.close();
    await receiver?.close();
  });

  it('every 202 survives 24 power cuts, in the stream and during pruning, saves, token regeneration, clean stops and start-ups', { timeout: 480_000 }, async () => {
    const random = seededRandom(SEED);
    const timer = phaseTimer();
    const startedAt = Date.now();
    receiver = await startTestReceiver();
    // The store's disk before the first cut: settings saved long ago (so written out), and more
    // than a month of delivered orders for retention to prune.
    const backing = tempDataDir('owh-power-disk-');
    const historyDeliveries = await timer.time('history', () => writeOldHistory(backing, receiver!.url, HISTORY_EVENTS));
    receiver.clear();
    disk = await mountForgetfulFs({ backing });
    const dataDir = disk.mountpoint;
    const dbFile = path.join(dataDir, 'hub.db');
    hub = await startHubProcess({ dataDir });
    const streams: PosStreams = startPosStreams({ connections: 3, maxBatch: 20, maxPauseMs: 60, seed: SEED, runId: `power-${SEED}`, target: hub });

    const keys = new Set([INITIAL_KEY]);
    let savedKey = INITIAL_KEY; // the key of the last save answered 200
    let posToken = hub.posToken; // the token of the last regeneration answered 200
    const counts = new Map<CutKind, number>();
    const rolledBack = new Set<number>();
    let sealedHash: string | null = null; // the outbox as the last completed clean stop left it
    let sealsHeld = 0;
    let prunedAtCut = 0;
    const oldDelivered = () => withOutbox(dataDir, (db) => db.prepare("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered' AND updated_at < ?")
      .pluck().get(Date.now() - RETENTION_DAYS * 86_400_000) as number);

    for (const kind of planCuts(random)) {
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      let interruptedKey: string | null = null;
      const tokenBefore = posToken;
      const current: HubProcess = hub;
      let starting: Promise<HubProcess> | null = null;
      const acceptedBefore = streams.acknowledged();
      await sleep(100 + random() * 250);
      await waitUntil(() => streams.acknowledged() > acceptedBefore, 15_000, () => `no batch accepted before the ${kind} cut`);
      // Read while the hub runs: once it stopped, any peek at hub.db would create files (see outbox-audit.ts).
      let deliveredBefore = deliveredNow(dataDir, startedAt);

      switch (kind) {
        case 'stream':
          break;
        case 'pruning': {
          const before = oldDelivered();
          await timer.time('waiting for retention', () => waitUntil(() => oldDelivered() < before, 90_000, () => 'retention never started pruning', 100));
          await sleep(random() * 300);
          prunedAtCut = before - oldDelivered();
          break;
        }
        case 'settings save': {
          interruptedKey = `partner-key-${counts.get(kind)}-${Math.floor(random() * 0xffff).toString(16).padStart(4, '0')}`;
          const key = interruptedKey;
          keys.add(key);
          void adminCall(current, 'PUT', '/api/settings', settingsFor(receiver.url, { requestHeader: { name: 'X-API-Key', value: key } }))
            .then((answer) => { if (answer.status === 200) savedKey = key; }, () => null);
          await sleep(random() * 40);
          break;
        }
        case 'token regeneration': {
          void adminCall(current, 'POST', '/api/pos-token/regenerate').then((answer) => {
            const token = (answer.json as { value?: string } | null)?.value;
            if (answer.status !== 200 || !token || hub !== current) return;
            posToken = token; // the POS is told the new token at once
            streams.resume({ ingestUrl: current.ingestUrl, posToken: token });
          }, () => null);
          await sleep(random() * 40);
          break;
        }
        case 'clean stop': {
          const stopped = current.stop();
          const exit = await Promise.race([stopped, sleep(random() * 1_500).then(() => 'running' as const)]);
          // Cut in the middle of the stop: which seal the disk keeps is not known here; the
          // integrity and 202 checks below hold either way.
          sealedHash = exit === 0 ? fileHash(dbFile) : null;
          break;
        }
        case 'start-up after a clean stop': {
          await streams.pause();
          expect(await current.stop()).toBe(0);
          sealedHash = fileHash(dbFile);
          starting = restartHub(current);
          await sleep(random() * 3_000);
          break;
        }
      }

      if (kind !== 'clean stop' && kind !== 'start-up after a clean stop') deliveredBefore = deliveredNow(dataDir, startedAt);
      await timer.time('cut and remount', () => disk!.powerCut(async () => {
        await current.kill();
        await starting?.then((started) => started.kill(), () => undefined);
        await streams.pause(); // requests in flight end with an error, or the answer they already had
      }));
      const audit = await timer.time('audit', () => auditAfterCut(disk!, streams.batches, deliveredBefore, sealedHash));
      for (const id of audit.rolledBack) rolledBack.add(id);
      if (audit.sealHeld) sealsHeld += 1;

      hub = await timer.time('restart', () => restartHub(current)); // must start: no stale lock, no seal trusted wrongly, no damaged file
      const settings = (await adminCall(hub, 'GET', '/api/settings')).json as SettingsView;
      expect(settings.hooks.close.url, `after the ${kind} cut the partner's hooks are still set`).toBe(`${receiver.url}/close`);
      expect(settings.requestHeader.hasValue, `after the ${kind} cut the partner's API key is still there`).toBe(true);
      // The settings before the save the cut interrupted, or after it; an answered save is kept.
      const shown = [savedKey, ...(interruptedKey && interruptedKey !== savedKey ? [interruptedKey] : [])];
      expect(shown.map(maskSecret), `after the ${kind} cut the key is the last saved one`).toContain(settings.requestHeader.value);
      if (interruptedKey && settings.requestHeader.value === maskSecret(interruptedKey)) savedKey = interruptedKey;
      // A regeneration that answered is kept (the POS has the new token); one cut short may go either way.
      if (posToken !== tokenBefore) expect(hub.posToken, `after the ${kind} cut the regenerated POS token is kept`).toBe(posToken);
      posToken = hub.posToken;
      streams.resume(hub);
    }
    await streams.stop();

    // The POS now sends again every batch it never heard back about: a batch the cut stored whole
    // comes back as duplicates only, the rest as accepted.
    const stored = withOutbox(dataDir, (db) => new Set(db.prepare('SELECT event_id FROM events').pluck().all() as string[]));
    const unanswered = streams.batches.filter((b) => b.status !== 202);
    const resending = performance.now();
    const target = hub;
    const queue = [...unanswered];
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const answer = await fetch(target.ingestUrl, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${target.posToken}` },
          body: JSON.stringify({ events: batch.ids.map((id) => streams.sent.get(id)!) }),
        });
        expect(answer.status).toBe(202);
        const counted = await answer.json() as { accepted: number; duplicates: number };
        expect(counted).toEqual(stored.has(batch.ids[0]!) ? { accepted: 0, duplicates: batch.ids.length } : { accepted: batch.ids.length, duplicates: 0 });
      }
    }));
    const acknowledged = new Set(streams.batches.filter((b) => b.status === 202).flatMap((b) => b.ids));
    const all = new Set(streams.batches.flatMap((b) => b.ids));

    const draining = performance.now();
    const arrivals = () => receiver!.requests.map((r) => ({ r, data: (r.json as { data?: { eventId?: string; check?: { checkId?: string } } }).data }));
    await waitUntil(() => {
      const seen = new Set(arrivals().map((a) => a.data?.eventId));
      return [...all].every((id) => seen.has(id));
    }, 90_000, () => `${[...all].filter((id) => !new Set(arrivals().map((a) => a.data?.eventId)).has(id)).length} of ${all.size} events not delivered`);
    const drained = performance.now();

    // Per check, the first arrival of each event follows the order the hub accepted them in.
    const acceptedOrder = withOutbox(dataDir, (db) => db.prepare('SELECT event_id, check_id FROM events WHERE received_at > ? ORDER BY seq')
      .all(Date.now() - 86_400_000) as { event_id: string; check_id: string }[]);
    const expected = new Map<string, string[]>();
    for (const row of acceptedOrder) expected.set(row.check_id, [...(expected.get(row.check_id) ?? []), row.event_id]);
    const firstArrivals = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const { data } of arrivals()) {
      if (!data?.eventId || !data.check?.checkId || seen.has(data.eventId)) continue;
      seen.add(data.eventId);
      firstArrivals.set(data.check.checkId, [...(firstArrivals.get(data.check.checkId) ?? []), data.eventId]);
    }
    for (const [checkId, order] of firstArrivals) expect(order, `order of check ${checkId}`).toEqual(expected.get(checkId));

    // One webhook-id per delivery, whatever was sent again; a rolled-back `delivered` went again under it.
    const idsPerEvent = new Map<string, Set<string>>();
    const timesSent = new Map<string, number>();
    for (const { r, data } of arrivals()) {
      const webhookId = r.headers['webhook-id']!;
      idsPerEvent.set(data!.eventId!, (idsPerEvent.get(data!.eventId!) ?? new Set()).add(webhookId));
      timesSent.set(webhookId, (timesSent.get(webhookId) ?? 0) + 1);
      expect([...keys], 'every webhook carried a saved API key').toContain(r.headers['x-api-key']);
    }
    expect([...idsPerEvent].filter(([, ids]) => ids.size > 1).map(([id]) => id), 'events sent under two webhook-ids').toEqual([]);
    const rolledBackIds = withOutbox(dataDir, (db) => [...rolledBack].map((id) => db.prepare('SELECT webhook_id FROM deliveries WHERE id = ?').pluck().get(id) as string));
    for (const webhookId of rolledBackIds) expect(timesSent.get(webhookId), `rolled-back delivery ${webhookId} was sent again`).toBeGreaterThanOrEqual(2);

    expect(await hub.stop()).toBe(0);
    const waiting = withOutbox(dataDir, (db) => db.prepare("SELECT COUNT(*) FROM deliveries WHERE state <> 'delivered'").pluck().get() as number);
    expect(waiting).toBe(0);
    const statuses = new Set(streams.batches.map((b) => b.status));
    expect([...statuses].filter((s) => s !== 202 && s !== 503 && s !== 401 && s !== 'network-error'), 'answers other than 202, 503, 401 (old token) or a cut connection').toEqual([]);
    const cuts = [...counts.values()].reduce((a, b) => a + b, 0);
    console.log(`power-cut: ${cuts} power cuts (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}); ${streams.batches.length} batches, ` +
      `${acknowledged.size} events acknowledged during the cuts, lost: 0; ${unanswered.length} unanswered batches resent ` +
      `(${unanswered.filter((b) => stored.has(b.ids[0]!)).length} had been stored whole); ${all.size} events delivered in per-check order; ` +
      `${rolledBack.size} deliveries recorded delivered were rolled back by a cut and re-sent under the same webhook-id; ` +
      `${receiver.requests.length} webhooks received; pruning cut after ${prunedAtCut} of ${historyDeliveries} old deliveries; ` +
      `clean-stop seal held after ${sealsHeld} cuts; statuses seen: ${[...statuses].join(', ')}; ` +
      `time: ${timer.summary()}, resending ${((draining - resending) / 1000).toFixed(1)} s, final drain ${((drained - draining) / 1000).toFixed(1)} s`);
  });
  it('the same audit catches a disk that drops the WAL\'s fsyncs: acknowledged events are missing after the cut', { timeout: 60_000 }, async () => {
    const backing = tempDataDir('owh-power-liar-');
    expect(await (await startHubProcess({ dataDir: backing })).stop()).toBe(0); // the schema is on disk, honestly
    const liar = await mountForgetfulFs({ backing, lieAboutFsyncOf: /^hub\.db-wal$/ });
    const victim = await startHubProcess({ dataDir: liar.mountpoint });
    const streams = startPosStreams({ connections: 3, maxBatch: 20, maxPauseMs: 0, seed: SEED, runId: `liar-${SEED}`, target: victim });
    try {
      await waitUntil(() => streams.acknowledged() >= 20, 15_000, () => 'no batches accepted');
      await liar.powerCut(async () => {
        await victim.kill();
        await streams.stop();
      });
      expect(() => auditAfterCut(liar, streams.batches, new Map(), null)).toThrow(/acknowledged batch .* is stored/);
    } finally {
      await victim.kill();
      await liar.close();
    }
  });
});
