// Ingest throughput: autocannon (own process, 10 connections, unique 1 KB events) against the
// naive one-insert-per-request server, then against the hub with every hook on and pointing at a
// closed loopback port — each event queues a delivery, and the failing endpoint is backed off to
// one probe at a time, so delivery attempts cost the ingest measurement next to nothing.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { spawnChild, closedPort } from '../lib/processes.ts';
import { startHub, configurePartners, type HubOptions, type StatsView } from '../lib/hub-runner.ts';
import { row, type Row } from '../lib/report.ts';
import type { BenchConfig } from './config.ts';

interface LoadResult { sent: number; ok2xx: number; non2xx: number; errors: number; timeouts: number; durationSeconds: number; p50: number; p99: number; max: number; mean: number }

const rate = (r: LoadResult) => r.ok2xx / r.durationSeconds;

async function load(url: string, token: string, config: BenchConfig['ingest'], seconds: number, runId: string): Promise<LoadResult> {
  const child = spawnChild('ingest-load.ts', [url, token, String(config.connections), String(seconds), String(config.eventBytes), runId]);
  const { result } = await child.message<{ result: LoadResult }>((m) => 'result' in m, (seconds + 60) * 1000);
  await child.stop();
  return result;
}

async function measure(url: string, token: string, config: BenchConfig['ingest']): Promise<LoadResult> {
  if (config.warmupSeconds > 0) await load(url, token, config, config.warmupSeconds, 'warmup1');
  return load(url, token, config, config.seconds, 'measured');
}

/** A fresh hub with `partners` partners, every hook on and pointing at a closed port, under the load. */
async function measureHub(dataDir: string, partners: number, config: BenchConfig['ingest'], options: HubOptions, log: (line: string) => void) {
  const hub = await startHub(dataDir, options);
  const closed = `http://127.0.0.1:${await closedPort()}`;
  await configurePartners(hub, Array.from({ length: partners }, () => closed));
  log(`ingest: hub with ${partners} partner(s), ${config.connections} connections, ${config.seconds} s (hooks on, partners switched off)`);
  const result = await measure(hub.ingestUrl, hub.posToken, config);
  const { queueDepth } = await hub.admin<StatsView>('GET', '/api/stats');
  await hub.stop();
  log(`ingest: hub with ${partners} partner(s) ${Math.round(rate(result))}/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
  return { result, queueDepth };
}

export async function benchIngest(config: BenchConfig['ingest'], workDir: string, options: HubOptions, log: (line: string) => void) {
  const naiveDir = path.join(workDir, 'ingest-naive');
  mkdirSync(naiveDir, { recursive: true });
  const naive = spawnChild('naive-ingest.ts', [naiveDir]);
  const { port } = await naive.message<{ port: number }>();
  log(`ingest: naive server, ${config.connections} connections, ${config.seconds} s`);
  const base = await measure(`http://127.0.0.1:${port}/v1/events`, 'unused', config);
  await naive.stop();
  log(`ingest: naive ${Math.round(rate(base))}/s, p50 ${base.p50} ms, p99 ${base.p99} ms`);

  const one = await measureHub(path.join(workDir, 'ingest-hub'), 1, config, options, log);
  const five = await measureHub(path.join(workDir, 'ingest-hub-5'), 5, config, options, log);

  const note = (hub: typeof one) => `hub: ${hub.result.ok2xx} accepted, ${hub.result.non2xx} non-2xx, ${hub.result.errors} errors, ${hub.queueDepth} deliveries queued; ` +
    `naive: ${base.ok2xx} accepted, ${base.non2xx} non-2xx, ${base.errors} errors`;
  const rows: Row[] = [
    row('ingest', 'accepted events/s', '1/s', rate(one.result), 'naive', rate(base), { on: 'ratio', op: '>=', limit: 1.5 }, note(one)),
    row('ingest', 'latency p50', 'ms', one.result.p50, 'naive', base.p50, null),
    row('ingest', 'latency p99', 'ms', one.result.p99, 'naive', base.p99, { on: 'value', op: '<=', limit: 10 }),
    row('ingest', 'accepted events/s, 5 partners', '1/s', rate(five.result), 'naive', rate(base), { on: 'ratio', op: '>=', limit: 1.0 },
      `each event queues a delivery for each of 5 partners (every hook on); ${note(five)}`),
    row('ingest', 'latency p99, 5 partners', 'ms', five.result.p99, 'naive', base.p99, { on: 'value', op: '<=', limit: 10 }),
  ];
  return { rows, raw: { hub: one, fivePartners: five, naive: base } };
}
