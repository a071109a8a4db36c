// Builds a queued backlog straight into a hub data folder: the real schema (openDatabase runs the
// real migrations), then events and pending deliveries inserted with plain SQL in one transaction.
// Each check has a lifecycle (opened → updated ×3 → closed) so per-check ordering is exercised.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { openDatabase } from '../../../electron/hub/db/open-database.ts';
import { checkKeyOf } from '../../../electron/hub/outbox/rows.ts';
import { eventOfSize } from '../../support/events.ts';
import type { Hook } from '../../../shared/settings.ts';
import { openSettingsStore, plainCodec } from '../../../electron/hub/settings/settings-store.ts';
import { bodyOf } from '../../../electron/hub/outbox/event-store.ts';
import { mergeSettings } from '../../../electron/hub/settings/apply-settings.ts';
import { ADMIN_TOKEN, POS_TOKEN, hookSettings, HUB_MIGRATIONS_DIR } from './hub-runner.ts';

export const STORE_ID = 'store-042';
export const EVENTS_PER_CHECK = 5;
const LIFECYCLE: { type: 'check.opened' | 'check.updated' | 'check.closed'; hook: Hook }[] = [
  { type: 'check.opened', hook: 'open' },
  { type: 'check.updated', hook: 'update' },
  { type: 'check.updated', hook: 'update' },
  { type: 'check.updated', hook: 'update' },
  { type: 'check.closed', hook: 'close' },
];

/** `b<check>-<seq>`: the partner reads the check and its sequence back to verify the order. */
export const benchEventId = (check: number, seq: number) => `b${check}-${seq}`;
export const checkNumberOf = (check: number) => String(1000 + (check % 9000));

/** The stored event text (its JSON without `type`) for (check, seq) from one template: cheap enough for a million rows. */
export function eventBodyFactory(eventBytes: number): (check: number, seq: number) => { json: string; type: string } {
  const template = bodyOf(eventOfSize(eventBytes, {
    eventId: '@EVENT@', type: 'check.updated', source: 'POS', storeId: STORE_ID, occurredAt: '2026-11-27T19:04:11.120Z',
    check: { checkId: '@CHECK@', checkNumber: '@NUMBER@' },
  }));
  const [a, rest1] = split(template, '"@EVENT@"');
  const [c, rest3] = split(rest1, '"@CHECK@"');
  const [d, e] = split(rest3, '"@NUMBER@"');
  return (check, seq) => {
    const type = LIFECYCLE[seq % EVENTS_PER_CHECK]!.type;
    const json = `${a}"${benchEventId(check, seq)}"${c}"c-${check}"${d}"${checkNumberOf(check)}"${e}`;
    return { json, type };
  };
}

function split(text: string, marker: string): [string, string] {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`template has no ${marker}`);
  return [text.slice(0, at), text.slice(at + marker.length)];
}

/**
 * Writes `deliveries` pending deliveries (and their events) into `dataDir/hub.db` for as many
 * partners as `partnerUrls` holds (p1, p2, … each taking every event, every hook on and pointing at
 * its URL — the partners that were away while they queued); returns ms taken.
 */
export function buildBacklog(dataDir: string, deliveries: number, eventBytes: number, partnerUrls: readonly string[], now = Date.now()): number {
  const started = performance.now();
  mkdirSync(dataDir, { recursive: true });
  // The tokens the bench's hub is started with: a stored token wins over HUB_*_TOKEN (issue 9).
  const settings = openSettingsStore(dataDir, { codec: plainCodec, presets: { posToken: POS_TOKEN, adminToken: ADMIN_TOKEN } });
  const first = settings.partners()[0]!;
  const partners = partnerUrls.map((url, i) => ({ ...first, ...mergeSettings(first, hookSettings(url), now), id: `p${i + 1}`, name: `Partner ${i + 1}` }));
  settings.savePartners(partners, partners.length + 1);
  // The bundled hub's copy of the migrations: one added to the source tree mid-run can't split them.
  const db = openDatabase(path.join(dataDir, 'hub.db'), { migrationsDir: HUB_MIGRATIONS_DIR });
  // A bench-only shortcut: no fsync and no WAL while loading; the hub reopens it in WAL + FULL.
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const body = eventBodyFactory(eventBytes);
  const insertEvent = db.prepare(
    `INSERT INTO events (seq, store_id, event_id, type, source, check_id, check_number, occurred_at, received_at, body)
     VALUES (?, ?, ?, ?, 'POS', ?, ?, '2026-11-27T19:04:11.120Z', ?, ?)`,
  );
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (id, webhook_id, event_seq, partner_id, hook, check_key, check_number, state, created_at, updated_at, active_since, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
  );
  // Indexes and triggers are dropped and re-created from their own stored SQL around the load
  // (sorted index builds beat a million random inserts); the schema ends up byte-for-byte the same.
  const schema = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'deliveries' AND type IN ('index', 'trigger') AND sql IS NOT NULL")
    .all() as { type: string; name: string; sql: string }[];
  db.transaction(() => {
    for (const item of schema) db.exec(`DROP ${item.type.toUpperCase()} ${item.name}`);
    const events = Math.ceil(deliveries / partners.length);
    let id = 0;
    for (let i = 0; i < events; i++) {
      const check = Math.floor(i / EVENTS_PER_CHECK);
      const seq = i % EVENTS_PER_CHECK;
      const { json, type } = body(check, seq);
      const number = checkNumberOf(check);
      insertEvent.run(i + 1, STORE_ID, benchEventId(check, seq), type, `c-${check}`, number, now, json);
      for (const partner of partners) {
        if (id >= deliveries) break;
        id += 1;
        insertDelivery.run(id, `msg_bench${id.toString(16).padStart(24, '0')}`, i + 1, partner.id, LIFECYCLE[seq]!.hook, checkKeyOf(STORE_ID, `c-${check}`), number,
          now, now, now, seq === 0 ? now : null);
      }
    }
    for (const item of schema) db.exec(item.sql);
    db.exec(`INSERT INTO state_counts (partner_id, hook, state, n) SELECT partner_id, hook, state, COUNT(*) FROM deliveries GROUP BY partner_id, hook, state
             ON CONFLICT (partner_id, hook, state) DO UPDATE SET n = n + excluded.n`);
  })();
  db.pragma('journal_mode = WAL');
  db.close();
  return performance.now() - started;
}
