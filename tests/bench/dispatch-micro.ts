// The hub's own work per delivery, without HTTP: claim due deliveries, build each webhook body and
// signature, record the attempt, finish the delivery and promote the check's next — what the
// dispatcher does around every axios call — timed in-process on a real outbox file.
//   npx tsx tests/bench/dispatch-micro.ts [deliveries=20000] [partners=1]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBacklog } from './lib/backlog.ts';
import { openDatabase } from '../../electron/hub/db/open-database.ts';
import { createCheckQueue } from '../../electron/hub/outbox/check-queue.ts';
import { createDeliveryStore, type AttemptRecord } from '../../electron/hub/outbox/delivery-store.ts';
import { payloadText } from '../../electron/hub/outbox/log-queries.ts';
import { signatureHeader, generateSigningSecret } from '../../electron/hub/delivery/signature.ts';
import { HOOKS } from '../../shared/settings.ts';

const [deliveries = 20_000, partners = 1] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(path.join(os.tmpdir(), 'owh-micro-'));
buildBacklog(dir, deliveries, 1024, Array.from({ length: partners }, () => 'http://127.0.0.1:9'));
const db = openDatabase(path.join(dir, 'hub.db'));
const checks = createCheckQueue(db);
const store = createDeliveryStore(db, checks);
const secret = generateSigningSecret();
const endpoints = Array.from({ length: partners }, (_, i) => HOOKS.map((hook) => ({ partnerId: `p${i + 1}`, hook }))).flat();

let now = Date.now();
let done = 0;
const phases = { claim: 0, body: 0, record: 0 };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }; // ms
const started = cpu();
while (done < deliveries) {
  now += 1;
  let t = cpu();
  const rows = store.atomically(() => endpoints.flatMap((endpoint) => store.claim(endpoint, now, 32)));
  phases.claim += cpu() - t;
  if (rows.length === 0) break;
  t = cpu();
  const records: AttemptRecord[] = rows.map((row) => {
    const body = payloadText(row.body, row.type, row.created_at);
    const signature = signatureHeader([secret], row.webhook_id, Math.floor(now / 1000), body);
    return {
      deliveryId: row.id, lane: { partnerId: row.partner_id, checkKey: row.check_key }, resentFrom: row.resent_from, number: row.attempts + 1,
      startedAt: now, url: 'http://127.0.0.1:9/open', status: 200, latencyMs: 1, error: null, responseBody: 'ok',
      requestHeaders: { 'content-type': 'application/json', 'user-agent': 'OrderWebhookHub/0.2.0', 'webhook-id': row.webhook_id, 'webhook-timestamp': String(now), 'webhook-signature': signature, 'X-API-Key': '••••••••6789' },
      next: { state: 'delivered' }, outcome: 'delivered',
    };
  });
  phases.body += cpu() - t;
  t = cpu();
  store.atomically(() => store.record(records, now));
  phases.record += cpu() - t;
  done += rows.length;
}
const total = cpu() - started;
const us = (ms: number) => ((ms * 1000) / done).toFixed(1);
console.log(`${done} deliveries (${partners} partner(s)): ${us(total)} µs each — claim ${us(phases.claim)}, body+signature ${us(phases.body)}, record+promote+commit ${us(phases.record)}`);
db.close();
rmSync(dir, { recursive: true, force: true });
