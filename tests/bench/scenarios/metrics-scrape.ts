// `GET /metrics` with the memory scenario's backlog (1,000,000 queued in the full run): the scrape
// through the admin port beside the same outbox reads and rendering in this process, on the same
// file opened read-only. Every figure comes from a trigger-kept table or an index end, so neither
// should grow with the backlog.
import Database from 'better-sqlite3';
import { createOutboxFigures } from '../../../electron/hub/monitoring/outbox-figures.ts';
import { createHubMetrics } from '../../../electron/hub/monitoring/hub-metrics.ts';
import { ADMIN_TOKEN, type HubUnderTest } from '../lib/hub-runner.ts';
import { row, type Row } from '../lib/report.ts';
import { timeCalls } from '../lib/timing.ts';

export async function metricsScrapeLatency(hub: HubUnderTest, dbFile: string, calls: number, queued: string): Promise<Row> {
  let queueDepth = '';
  const scrape = await timeCalls(calls, async () => {
    const response = await fetch(`${hub.adminOrigin}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET /metrics: ${response.status} ${text}`);
    queueDepth = /^owh_queue_depth (\d+)$/m.exec(text)?.[1] ?? '?';
  });
  const db = new Database(dbFile, { readonly: true });
  const direct = createHubMetrics({
    figures: createOutboxFigures(db), endpoints: async () => [], partners: () => [{ id: 'p1', name: 'bench' }], now: Date.now,
    hub: { id: 'hub_bench', version: 'bench', storeName: () => 'bench' },
  });
  const inProcess = await timeCalls(calls, () => direct.render());
  db.close();
  return row('metrics', '/metrics scrape', 'ms p50', scrape, 'same queries in-process', inProcess, { on: 'value', op: '<=', limit: 50 }, `owh_queue_depth ${queueDepth}, ${queued}`);
}
