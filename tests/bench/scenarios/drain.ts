// Drain throughput: a backlog queued while the partner was away, then the partner comes back
// (loopback, its own process, 200 at once) and the hook URLs are switched to it through the admin
// API, as a manager fixing a URL would. Baselines post the same bodies with bare clients.
import path from 'node:path';
import { buildBacklog } from '../lib/backlog.ts';
import { closedPort, spawnChild, sleep, type Child } from '../lib/processes.ts';
import { rmSync } from 'node:fs';
import { startHub, configurePartners, type HubOptions, type StatsView } from '../lib/hub-runner.ts';
import { row, type Row } from '../lib/report.ts';
import type { BenchConfig } from './config.ts';

interface PartnerStats { received: number; violations: number; duplicates: number; unknown: number }
interface ClientResult { mode: string; count: number; sent: number; ok: number; errors: number; seconds: number; perSecond: number }
const MODES = ['axios-http', 'axios-fetch', 'undici-pool'] as const;

export interface Partners { child: Child; url: string; urls: string[]; stats(): Promise<PartnerStats>; reset(): Promise<void> }

/** The partner process: `count` partners on ports of their own; `args` give it a delay or failures. */
export async function startPartner(count = 1, args: string[] = []): Promise<Partners> {
  const child = spawnChild('partner.ts', ['--ports', String(count), ...args]);
  const { ports } = await child.message<{ ports: number[] }>((m) => 'ports' in m);
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const url = urls[0]!;
  return {
    child, url, urls,
    stats: async () => (await fetch(`${url}/__stats`)).json() as Promise<PartnerStats>,
    reset: async () => { await fetch(`${url}/__reset`, { method: 'POST' }); },
  };
}

/** Queues a backlog for `partners` partners while they are away, brings them back, and times the drain. */
async function drainHub(config: BenchConfig['drain'], dataDir: string, partners: number, options: HubOptions, built = false) {
  const closed = `http://127.0.0.1:${await closedPort()}`;
  const buildMs = built ? 0 : buildBacklog(dataDir, config.deliveries, config.eventBytes, Array.from({ length: partners }, () => closed));
  const partner = await startPartner(partners);
  const hub = await startHub(dataDir, options);
  const started = performance.now();
  await configurePartners(hub, partner.urls);
  let stats = await hub.admin<StatsView>('GET', '/api/stats');
  while (stats.queueDepth > 0 && performance.now() - started < config.timeoutSeconds * 1000) {
    await sleep(250);
    stats = await hub.admin<StatsView>('GET', '/api/stats');
  }
  const seconds = (performance.now() - started) / 1000;
  const delivered = stats.counts.delivered ?? 0;
  const received = await partner.stats();
  await hub.stop();
  await partner.child.stop();
  return { buildMs, delivered, left: stats.queueDepth, seconds, perSecond: delivered / seconds, partner: received };
}

export async function benchDrain(config: BenchConfig['drain'], workDir: string, options: HubOptions, log: (line: string) => void) {
  const dataDir = path.join(workDir, 'drain-hub');
  const buildMs = buildBacklog(dataDir, config.deliveries, config.eventBytes, [`http://127.0.0.1:${await closedPort()}`]);
  log(`drain: ${config.deliveries} deliveries queued in ${Math.round(buildMs)} ms`);
  const partner = await startPartner();

  const baselines: Record<string, ClientResult & PartnerStats> = {};
  for (const mode of MODES) {
    await partner.reset();
    const client = spawnChild('raw-client.ts', [mode, partner.url, path.join(dataDir, 'hub.db'), String(config.deliveries), String(config.concurrency), String(config.sockets), String(config.baselineSeconds)]);
    const { result } = await client.message<{ result: ClientResult }>((m) => 'result' in m, (config.baselineSeconds + 60) * 1000);
    await client.stop();
    baselines[mode] = { ...result, ...(await partner.stats()) };
    log(`drain: ${mode} ${Math.round(result.perSecond)}/s (${result.ok} of ${result.count} in ${result.seconds.toFixed(1)} s)`);
  }

  await partner.child.stop();
  const one = await drainHub(config, dataDir, 1, options, true); // the backlog the baselines read
  log(`drain: hub, 1 partner: ${Math.round(one.perSecond)}/s (${one.delivered} delivered, ${one.left} left)`);
  rmSync(dataDir, { recursive: true, force: true });
  const five = await drainHub(config, path.join(workDir, 'drain-hub-5'), 5, options);
  log(`drain: hub, 5 partners: ${Math.round(five.perSecond)}/s (${five.delivered} delivered, ${five.left} left)`);
  const hubRate = one.perSecond;
  const { delivered, seconds } = one;
  const received = one.partner;
  const stats = { queueDepth: one.left };

  const axiosRate = baselines['axios-http']!.perSecond;
  const rows: Row[] = [
    row('drain', 'deliveries/s until empty', '1/s', hubRate, 'axios', axiosRate, { on: 'ratio', op: '>=', limit: 0.8 },
      `${delivered} delivered in ${seconds.toFixed(1)} s, ${stats.queueDepth} left; partner saw ${received.received}`),
    row('drain', 'axios fetch adapter', '1/s', baselines['axios-fetch']!.perSecond, 'axios', axiosRate, null),
    row('drain', 'undici Pool (ceiling)', '1/s', baselines['undici-pool']!.perSecond, 'axios', axiosRate, null),
    row('drain', 'per-check order violations', 'count', received.violations + received.duplicates, 'axios', baselines['axios-http']!.violations, { on: 'value', op: '<=', limit: 0 },
      'the bare clients keep no per-check order; the hub must'),
    row('drain', 'deliveries/s until empty, 5 partners', '1/s', five.perSecond, 'axios', axiosRate, null,
      `${five.delivered} delivered in ${five.seconds.toFixed(1)} s to 5 partners (own ports), ${five.left} left; order violations ${five.partner.violations + five.partner.duplicates}`),
    row('drain', 'per-check order violations, 5 partners', 'count', five.partner.violations + five.partner.duplicates, 'axios', baselines['axios-http']!.violations, { on: 'value', op: '<=', limit: 0 }),
  ];
  return { rows, raw: { backlog: config.deliveries, buildMs, hub: one, fivePartners: five, baselines }, hubRate };
}
