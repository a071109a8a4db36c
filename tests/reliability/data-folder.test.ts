// Issue 5 (6): the data folder. A full disk or a read-only database → 503 + Retry-After, no partial
// batch, and recovery when space returns (simulated inside SQLite: max_page_count gives SQLITE_FULL,
// query_only gives SQLITE_READONLY — this machine runs as root, so chmod cannot refuse a write).
// A damaged outbox file → a clear message and a refusal to start, the file untouched. Retention:
// delivered rows older than 30 days are pruned, so the file stops growing.
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { makeEvent } from '../support/events.ts';
import { ManualClock, postEvents, settingsFor, startTestHub, type TestHub } from '../support/hub-fixture.ts';
import { startHubProcess, tempDataDir } from '../support/hub-process.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { drain } from '../support/manual-drive.ts';
import { waitUntil } from '../support/reliability-kit.ts';

const DAY = 86_400_000;
let hub: TestHub | null = null;
let receiver: Receiver | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
  await receiver?.close();
  receiver = null;
});

const count = (h: TestHub, sql: string) => h.internals.db.prepare(sql).pluck().get() as number;
let checkNo = 0;
/** Events of distinct checks (so deliveries run in parallel), 1.5 kB each. */
const bigBatch = (n: number) => ({ events: Array.from({ length: n }, () => makeEvent({ check: { checkId: `c-${++checkNo}`, note: 'n'.repeat(1500) } as never })) });

describe('when the hub cannot write', () => {
  it('disk full: 503 + Retry-After, nothing of the batch stored, deliveries wait; all recovers when space returns', async () => {
    receiver = await startTestReceiver();
    hub = await startTestHub();
    await hub.service.saveSettings(settingsFor(receiver.url));
    expect((await postEvents(hub, bigBatch(10))).status).toBe(202);
    await receiver.waitFor(10);
    const db = hub.internals.db;
    const storedBefore = count(hub, 'SELECT COUNT(*) FROM events');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`); // the disk is full: not one more page

    let refused = 0;
    for (let i = 0; i < 5; i++) {
      const answer = await postEvents(hub, bigBatch(300));
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((answer.json as { error: { code: string } }).error.code).toBe('unavailable');
      refused += 1;
    }
    expect(count(hub, 'SELECT COUNT(*) FROM events')).toBe(storedBefore);
    expect((await fetch(hub.ingestUrl.replace('/v1/events', '/v1/health'))).status).toBe(200);

    db.pragma('max_page_count = 1073741823'); // space is back
    const batch = bigBatch(300);
    const answer = await postEvents(hub, batch);
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ accepted: 300, duplicates: 0 });
    await receiver.waitFor(310, 15_000);
    await waitUntil(() => count(hub!, "SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'") === 310, 10_000, () => 'deliveries recorded');
    console.log(`data-folder: disk full → ${refused} batches of 300 refused with 503, none stored; recovered and delivered 300 more`);
  });

  it('disk full while attempts are being recorded: nothing is lost, the results are written once space returns', async () => {
    receiver = await startTestReceiver({ mode: { kind: 'ok', delayMs: 200 } });
    hub = await startTestHub();
    await hub.service.saveSettings(settingsFor(receiver.url));
    expect((await postEvents(hub, bigBatch(40))).status).toBe(202);
    await receiver.waitFor(1);
    const db = hub.internals.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    // Fill what free space the file still has so the attempts cannot be written.
    try { for (;;) db.prepare("INSERT INTO hourly_attempts (hour, partner_id, delivered, failed) VALUES (?, 'p1', 0, 0)").run(-1 - Math.floor(Math.random() * 1e12)); } catch { /* full */ }
    await new Promise((resolve) => setTimeout(resolve, 700)); // attempts in flight finish and fail to record
    const answeredWhileFull = new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size;
    const recordedWhileFull = count(hub, "SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'");
    expect(answeredWhileFull, 'some attempts finished while nothing could be written').toBeGreaterThan(recordedWhileFull);
    db.prepare('DELETE FROM hourly_attempts WHERE hour < 0').run();
    db.pragma('max_page_count = 1073741823');
    await waitUntil(() => count(hub!, "SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'") === 40, 20_000,
      () => `${count(hub!, "SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")} of 40 delivered`);
    const ids = new Set(receiver.requests.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(40);
    expect(receiver.requests, 'each sent once: results waited in memory, nothing was re-sent').toHaveLength(40);
  });

  it('read-only database: 503 + Retry-After, nothing stored, and back to 202 when writable', async () => {
    hub = await startTestHub();
    const before = count(hub, 'SELECT COUNT(*) FROM events');
    hub.internals.db.pragma('query_only = ON');
    const answer = await postEvents(hub, bigBatch(50));
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    hub.internals.db.pragma('query_only = OFF');
    expect(count(hub, 'SELECT COUNT(*) FROM events')).toBe(before);
    expect((await postEvents(hub, bigBatch(50))).status).toBe(202);
    expect(count(hub, 'SELECT COUNT(*) FROM events')).toBe(before + 50);
  });
});

describe('a damaged outbox file at start', () => {
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('not a database at all: a clear message, exit code 1, the file untouched', async () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'hub.db');
    writeFileSync(file, Buffer.alloc(64 * 1024, 'garbage! '));
    const hash = sha(file);
    const error = await startHubProcess({ dataDir }).then(() => null, (e: unknown) => String(e));
    expect(error).toMatch(/exited with 1/);
    expect(error).toMatch(/Cannot open the outbox database .*hub\.db.*left untouched/s);
    expect(sha(file)).toBe(hash);
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
  });

  it('an outbox with damaged pages: refused before anything is written to it', async () => {
    const first = await startHubProcess();
    for (let i = 0; i < 4; i++) {
      const answer = await fetch(first.ingestUrl, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${first.posToken}` },
        body: JSON.stringify({ events: Array.from({ length: 200 }, () => makeEvent()) }),
      });
      expect(answer.status).toBe(202);
    }
    expect(await first.stop()).toBe(0);
    const file = path.join(first.dataDir, 'hub.db');
    const bytes = readFileSync(file);
    for (let page = 3; (page + 1) * 4096 < bytes.length; page += 4) bytes.fill(0x5a, page * 4096 + 200, page * 4096 + 600);
    writeFileSync(file, bytes);
    const hash = sha(file);
    const error = await startHubProcess({ dataDir: first.dataDir }).then(async (h) => { await h.kill(); return null; }, (e: unknown) => String(e));
    expect(error, 'the hub refused to start').not.toBeNull();
    expect(error).toMatch(/exited with 1/);
    expect(error).toMatch(/the file is damaged/);
    expect(sha(file)).toBe(hash);
  });
});

describe('retention', () => {
  it('prunes delivered rows older than 30 days (attempts and events with them), keeps the rest, and the file stops growing', { timeout: 60_000 }, async () => {
    const clock = new ManualClock();
    receiver = await startTestReceiver();
    hub = await startTestHub({ clock });
    await hub.service.saveSettings(settingsFor(receiver.url));
    // One delivery that failed (410-like reject) on day 0: never pruned, whatever its age.
    receiver.setMode({ kind: 'fail', status: 400 });
    expect((await postEvents(hub, makeEvent({ check: { checkId: 'kept-failed' } }))).status).toBe(202);
    await drain(hub);
    receiver.setMode({ kind: 'ok' });
    expect(count(hub, "SELECT COUNT(*) FROM deliveries WHERE state = 'failed'")).toBe(1);

    const perDay = 40;
    const pageCounts: number[] = [];
    for (let day = 0; day < 50; day++) {
      const answer = await postEvents(hub, { events: Array.from({ length: perDay }, () => makeEvent({ check: { checkId: `c-${++checkNo}`, note: 'r'.repeat(800) } as never })) });
      expect(answer.status).toBe(202);
      await drain(hub);
      expect(count(hub, "SELECT COUNT(*) FROM deliveries WHERE state <> 'delivered' AND state <> 'failed'")).toBe(0);
      clock.advance(DAY);
      while (hub.internals.pruneOnce() > 0) { /* as the background timer does */ }
      hub.internals.db.pragma('wal_checkpoint(TRUNCATE)');
      pageCounts.push(hub.internals.db.pragma('page_count', { simple: true }) as number);
    }
    const delivered = count(hub, "SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'");
    // Delivered today minus 30 days or later stay; older ones are gone.
    expect(delivered).toBeLessThanOrEqual(31 * perDay);
    expect(delivered).toBeGreaterThanOrEqual(29 * perDay);
    expect(count(hub, 'SELECT MIN(updated_at) FROM deliveries WHERE state = \'delivered\'')).toBeGreaterThanOrEqual(clock.ms - 30 * DAY);
    expect(count(hub, "SELECT COUNT(*) FROM deliveries WHERE state = 'failed'"), 'a failed delivery is never pruned').toBe(1);
    expect(count(hub, 'SELECT COUNT(*) FROM attempts a WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = a.delivery_id)')).toBe(0);
    expect(count(hub, 'SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_seq = e.seq)')).toBe(0);
    const atDay35 = pageCounts[34]!;
    const atDay50 = pageCounts[49]!;
    expect(atDay50, `pages: day 20 ${pageCounts[19]}, day 35 ${atDay35}, day 50 ${atDay50}`).toBeLessThanOrEqual(Math.ceil(atDay35 * 1.1));
    expect(atDay35).toBeGreaterThan(pageCounts[9]!); // it did grow at first, so the bound is real
    console.log(`data-folder/retention: 50 simulated days × ${perDay} deliveries; ${delivered} delivered rows kept; file pages day 10 ${pageCounts[9]}, day 35 ${atDay35}, day 50 ${atDay50}`);
  });

  it('prunes a large backlog in small, quick batches (ingest is never blocked for long)', { timeout: 60_000 }, async () => {
    const clock = new ManualClock();
    hub = await startTestHub({ clock });
    const db = hub.internals.db;
    const event = db.prepare(`INSERT INTO events (store_id, event_id, type, source, check_id, check_number, occurred_at, received_at, body)
      VALUES ('s', ?, 'check.updated', 'POS', ?, '1', '2026-11-27T12:00:00Z', ?, ?)`);
    const delivery = db.prepare(`INSERT INTO deliveries (webhook_id, event_seq, hook, check_key, check_number, state, created_at, updated_at, active_since)
      VALUES (?, ?, 'update', ?, '1', 'delivered', ?, ?, ?)`);
    const attempt = db.prepare(`INSERT INTO attempts (delivery_id, number, started_at, url, status, latency_ms, outcome, request_headers)
      VALUES (?, 1, ?, 'http://127.0.0.1:9/update', 200, 5, 'delivered', '{}')`);
    const rows = 20_000;
    const now = clock.ms;
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        const seq = event.run(`old-${i}`, `c-${i}`, now, 'b'.repeat(500)).lastInsertRowid;
        attempt.run(delivery.run(`msg_old_${i}`, seq, `s\u0000c-${i}`, now, now, now).lastInsertRowid, now);
      }
    })();
    clock.advance(31 * DAY);
    let slowestMs = 0;
    let batches = 0;
    const started = performance.now();
    for (;;) {
      const batchStarted = performance.now();
      const pruned = hub.internals.pruneOnce();
      slowestMs = Math.max(slowestMs, performance.now() - batchStarted);
      if (pruned === 0) break;
      batches += 1;
    }
    const totalMs = performance.now() - started;
    expect(count(hub, 'SELECT COUNT(*) FROM events')).toBe(0);
    expect(count(hub, 'SELECT COUNT(*) FROM deliveries')).toBe(0);
    expect(count(hub, 'SELECT COUNT(*) FROM attempts')).toBe(0);
    expect(slowestMs, 'slowest prune batch').toBeLessThan(500);
    console.log(`data-folder/retention: ${rows} old deliveries pruned in ${batches} batches, ${Math.round(totalMs)} ms, slowest batch ${Math.round(slowestMs)} ms`);
  });
});
