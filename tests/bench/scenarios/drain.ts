// Drain throughput: a backlog queued while the partner was away, then the partner comes back
// (loopback, its own process, 200 at once) and the hook URLs are switched to it through the admin
// API, as a manager fixing a URL would. Baselines post the same bodies with bare clients.
import path from 'node:path';
import { buildBacklog } from '../lib/backlog.ts';
import { closedPort, spawnChild, sleep, type Child } from '../lib/processes.ts';
import { startHub, hookSettings, type HubOptions, type StatsView } from '../lib/hub-runner.ts';
import { row, type Row } from '../lib/report.ts';
import type { BenchConfig } from './config.ts';

interface PartnerStats { received: number; violations: number; duplicates: number; unknown: number }
interface ClientResult { mode: string; count: number; sent: number; ok: number; errors: number; seconds: number; perSecond: number }
const MODES = ['axios-http', 'axios-fetch', 'undici-pool'] as const;

export async function startPartner(): Promise<{ child: Child; url: string; stats(): Promise<PartnerStats>; reset(): Promise<void> }> {
  const child = spawnChild('partner.ts', []);
  const { port } = await child.message<{ port: number }>();
  const url = `http://127.0.0.1:${port}`;
  return {
    child, url,
    stats: async () => (await fetch(`${url}/__stats`)).json() as Promise<PartnerStats>,
    reset: async () => { await fetch(`${url}/__reset`, { method: 'POST' }); },
  };
}

export async function benchDrain(config: BenchConfig['drain'], workDir: string, options: HubOptions, log: (line: string) => void) {
  const dataDir = path.join(workDir, 'drain-hub');
  const buildMs = buildBacklog(dataDir, config.deliveries, config.eventBytes, `http://127.0.0.1:${await closedPort()}`);
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

  await partner.reset();
  const hub = await startHub(dataDir, options);
  const started = performance.now();
  await hub.admin('PUT', '/api/settings', hookSettings(partner.url));
  let stats = await hub.admin<StatsView>('GET', '/api/stats');
  while (stats.queueDepth > 0 && performance.now() - started < config.timeoutSeconds * 1000) {
    await sleep(50);
    stats = await hub.admin<StatsView>('GET', '/api/stats');
  }
  const seconds = (performance.now() - started) / 1000;
  const delivered = stats.counts.delivered ?? 0;
  const received = await partner.stats();
  await hub.stop();
  await partner.child.stop();
  const hubRate = delivered / seconds;
  log(`drain: hub ${Math.round(hubRate)}/s (${delivered} delivered, ${stats.queueDepth} left)`);

  const axiosRate = baselines['axios-http']!.perSecond;
  const rows: Row[] = [
    row('drain', 'deliveries/s until empty', '1/s', hubRate, 'axios', axiosRate, { on: 'ratio', op: '>=', limit: 0.8 },
      `${delivered} delivered in ${seconds.toFixed(1)} s, ${stats.queueDepth} left; partner saw ${received.received}`),
    row('drain', 'axios fetch adapter', '1/s', baselines['axios-fetch']!.perSecond, 'axios', axiosRate, null),
    row('drain', 'undici Pool (ceiling)', '1/s', baselines['undici-pool']!.perSecond, 'axios', axiosRate, null),
    row('drain', 'per-check order violations', 'count', received.violations + received.duplicates, 'axios', baselines['axios-http']!.violations, { on: 'value', op: '<=', limit: 0 },
      'the bare clients keep no per-check order; the hub must'),
  ];
  return { rows, raw: { backlog: config.deliveries, buildMs, hub: { delivered, left: stats.queueDepth, seconds, perSecond: hubRate, partner: received }, baselines }, hubRate };
}
