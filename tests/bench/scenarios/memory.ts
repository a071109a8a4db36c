// Memory, start-up and the delivery log with a big backlog: a million deliveries queued (real
// schema, plain SQL load), the hub started on it, the log queried through the admin API, then the
// partner switched on and the backlog drained for a bounded time while resident memory is sampled.
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildBacklog, checkNumberOf } from '../lib/backlog.ts';
import { closedPort, memoryOf, sleep } from '../lib/processes.ts';
import { startHub, configurePartners, type HubOptions, type HubUnderTest, type StatsView } from '../lib/hub-runner.ts';
import { row, type Row } from '../lib/report.ts';
import { createLogQueries, listParams, listSql, type ListFilter } from '../../../electron/hub/outbox/log-queries.ts';
import { createCheckQueue } from '../../../electron/hub/outbox/check-queue.ts';
import { startPartner } from './drain.ts';
import { metricsScrapeLatency } from './metrics-scrape.ts';
import { timeCalls } from '../lib/timing.ts';
import type { BenchConfig } from './config.ts';

const LOG_QUERIES: { name: string; filter: Omit<ListFilter, 'limit'> }[] = [
  { name: 'first page', filter: {} },
  { name: 'state filter (pending)', filter: { state: 'pending' } },
  { name: 'hook filter (close)', filter: { hook: 'close' } },
  { name: 'partner filter (p3)', filter: { partner: 'p3' } },
  { name: `check number search (${checkNumberOf(42)})`, filter: { q: checkNumberOf(42) } },
];
const PAGE = 50;

async function logLatency(hub: HubUnderTest, dbFile: string, calls: number, verbose: boolean, log: (line: string) => void): Promise<Row[]> {
  const db = new Database(dbFile, { readonly: true });
  const direct = createLogQueries(db, createCheckQueue(db), () => 'bench');
  const rows: Row[] = [];
  for (const { name, filter } of LOG_QUERIES) {
    const query = new URLSearchParams(Object.entries({ ...filter, limit: PAGE }).map(([key, value]) => [key, String(value)])).toString();
    let items = 0;
    const api = await timeCalls(calls, async () => {
      items = (await hub.admin<{ items: unknown[] }>('GET', `/api/deliveries?${query}`)).items.length;
    });
    const inProcess = await timeCalls(calls, () => direct.list({ ...filter, limit: PAGE }));
    rows.push(row('log', name, 'ms p50', api, 'same query in-process', inProcess, { on: 'value', op: '<=', limit: 50 }, `${items} rows on the page`));
    if (verbose) {
      const sql = listSql(filter);
      const params = Object.fromEntries(Object.entries(listParams({ ...filter, limit: PAGE })).filter(([key, value]) => value !== undefined && sql.includes(`@${key}`)));
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail).join('; ');
      log(`  plan for ${name}: ${plan}`);
    }
  }
  db.close();
  return rows;
}

/** How long SQLite's quick_check of the file takes: openDatabase runs it before anything writes. */
function quickCheckMs(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  const started = performance.now();
  db.pragma('quick_check(3)');
  const ms = performance.now() - started;
  db.close();
  return ms;
}

export async function benchMemory(config: BenchConfig['memory'], workDir: string, drainRate100k: number, options: HubOptions, verbose: boolean, log: (line: string) => void) {
  const empty = await startHub(path.join(workDir, 'memory-empty'), { nodeFlags: options.nodeFlags });
  await sleep(500);
  const emptyMemory = memoryOf(empty.pid);
  await empty.stop();
  const emptyCheckMs = quickCheckMs(path.join(workDir, 'memory-empty', 'hub.db'));
  log(`memory: empty hub started in ${Math.round(empty.startMs)} ms, ${emptyMemory.rssMb.toFixed(0)} MB RSS`);

  const dataDir = path.join(workDir, 'memory-hub');
  const closed = `http://127.0.0.1:${await closedPort()}`;
  const buildMs = buildBacklog(dataDir, config.queued, config.eventBytes, Array.from({ length: config.partners }, () => closed));
  log(`memory: ${config.queued} deliveries queued in ${Math.round(buildMs)} ms`);
  const hub = await startHub(dataDir, { nodeFlags: options.nodeFlags });
  log(`memory: hub started with ${config.queued} queued in ${Math.round(hub.startMs)} ms`);
  const logRows = await logLatency(hub, path.join(dataDir, 'hub.db'), config.logCalls, verbose, log);
  const scrapeRow = await metricsScrapeLatency(hub, path.join(dataDir, 'hub.db'), config.logCalls, `${config.queued.toLocaleString('en-US')} queued`);
  const queuedPeak = memoryOf(hub.pid).peakRssMb;

  const partner = await startPartner(config.partners);
  await configurePartners(hub, partner.urls);
  const started = performance.now();
  let drainingPeak = 0;
  while (performance.now() - started < config.drainSeconds * 1000) {
    await sleep(100);
    drainingPeak = Math.max(drainingPeak, memoryOf(hub.pid).rssMb);
  }
  const stats = await hub.admin<StatsView>('GET', '/api/stats');
  const seconds = (performance.now() - started) / 1000;
  drainingPeak = Math.max(drainingPeak, memoryOf(hub.pid).peakRssMb);
  await hub.stop();
  await partner.child.stop();
  // A clean stop seals the file, so the next start skips the full-file check (clean-stop-seal.ts).
  const restarted = await startHub(dataDir, { nodeFlags: options.nodeFlags });
  await restarted.stop();
  log(`memory: restarted after a clean stop in ${Math.round(restarted.startMs)} ms`);
  const checkMs = quickCheckMs(path.join(dataDir, 'hub.db'));
  const delivered = stats.counts.delivered ?? 0;
  log(`memory: drained ${delivered} in ${seconds.toFixed(1)} s, peak RSS ${drainingPeak.toFixed(0)} MB`);

  const millions = `${config.queued.toLocaleString('en-US')} queued${config.partners > 1 ? ` for ${config.partners} partners` : ''}`;
  const rows: Row[] = [
    row('memory', `peak RSS, ${millions}, idle + log queries`, 'MB', queuedPeak, 'empty hub', emptyMemory.rssMb, { on: 'value', op: '<=', limit: 150 }),
    row('memory', `peak RSS, ${millions}, draining ${config.drainSeconds} s`, 'MB', drainingPeak, 'empty hub', emptyMemory.rssMb, { on: 'value', op: '<=', limit: 150 }),
    row('memory', `start-up to health OK after a clean stop, ${millions}`, 'ms', restarted.startMs, 'empty hub', empty.startMs, { on: 'value', op: '<=', limit: 2000 }),
    row('memory', `start-up to health OK after a crash, ${millions}`, 'ms', hub.startMs, 'empty hub', empty.startMs, null,
      'no clean-stop seal: openDatabase checks the whole file before anything writes'),
    row('memory', `of which PRAGMA quick_check, ${millions}`, 'ms', checkMs, 'empty outbox', emptyCheckMs, null,
      'the full-file check; its cost grows with the file'),
    row('drain', `deliveries/s with ${millions}`, '1/s', delivered / seconds, 'hub, drain backlog', drainRate100k, null,
      `first ${config.drainSeconds} s only`),
    ...logRows,
    scrapeRow,
  ];
  return { rows, raw: { buildMs, empty: { startMs: empty.startMs, quickCheckMs: emptyCheckMs, ...emptyMemory }, queuedPeak, drainingPeak, startMs: hub.startMs, restartMs: restarted.startMs, quickCheckMs: checkMs, delivered, seconds } };
}
