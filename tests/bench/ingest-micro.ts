// The hub's own work per accepted event, without HTTP: parse, validate, take the POS's text,
// store the event and queue one delivery per partner, commit in groups of 10 — what the ingest
// server does around every request — in CPU time on a real outbox file.
//   npx tsx tests/bench/ingest-micro.ts [events=20000] [partners=1]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/hub/db/open-database.ts';
import { createCheckQueue } from '../../electron/hub/outbox/check-queue.ts';
import { createEventStore } from '../../electron/hub/outbox/event-store.ts';
import { emptyPartner } from '../../electron/hub/settings/config-file.ts';
import { mergeSettings } from '../../electron/hub/settings/apply-settings.ts';
import { isBatch, validate } from '../../electron/hub/ingest/ingest-server.ts';
import { parseJsonText } from '../../electron/hub/http/request-body.ts';
import { withEventTexts, withoutTopLevelKey } from '../../electron/hub/http/event-text.ts';
import { settingsFor } from '../support/hub-fixture.ts';
import { eventOfSize } from '../support/events.ts';

const [events = 20_000, partnerCount = 1] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(path.join(os.tmpdir(), 'owh-ingest-micro-'));
const db = openDatabase(path.join(dir, 'hub.db'));
db.pragma('synchronous = OFF'); // CPU only: the fsync is the same for the hub and the naive server
const store = createEventStore(db, createCheckQueue(db));
const partners = Array.from({ length: partnerCount }, (_, i) => ({ ...mergeSettings(emptyPartner(`p${i + 1}`, 'x'), settingsFor('http://127.0.0.1:9'), 0), id: `p${i + 1}`, name: `P${i + 1}` }));
const template = JSON.stringify(eventOfSize(1024, { eventId: '@@@@@@@@', storeId: 'store-042', check: { checkId: 'c-########' } }));
const bodies = Array.from({ length: events }, (_, n) => Buffer.from(template.replace('@@@@@@@@', String(n).padStart(8, '0')).replace('########', String(Math.floor(n / 5)).padStart(8, '0'))));

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const phases = { parse: 0, store: 0 };
const insertGroup = db.transaction((group: Parameters<typeof store.insertBatch>[0][]) => {
  for (const batch of group) store.insertBatch(batch, partners, Date.now());
});
for (let i = 0; i < events; i += 10) {
  let t = cpu();
  const group = bodies.slice(i, i + 10).map((body) => {
    const { text, value } = parseJsonText(body);
    return withEventTexts(validate(value), text, isBatch(value)).map(({ event, text: eventText }) => ({ event, body: withoutTopLevelKey(eventText, 'type') }));
  });
  phases.parse += cpu() - t;
  t = cpu();
  insertGroup(group);
  phases.store += cpu() - t;
}
const us = (ms: number) => ((ms * 1000) / events).toFixed(1);
console.log(`${events} events, ${partnerCount} partner(s): parse+validate+text ${us(phases.parse)} µs, store+queue ${us(phases.store)} µs per event`);
db.close();
rmSync(dir, { recursive: true, force: true });
