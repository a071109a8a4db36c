// Ingest throughput: autocannon (own process, 10 connections, unique 1 KB events) against the
// naive one-insert-per-request server, then against the hub with every hook on and pointing at a
// closed loopback port — each event queues a delivery, and the failing endpoint is backed off to
// one probe at a time, so delivery attempts cost the ingest measurement next to nothing.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { spawnChild, closedPort } from '../lib/processes.ts';
import { startHub, hookSettings, type HubOptions, type StatsView } from '../lib/hub-runner.ts';
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

export async function benchIngest(config: BenchConfig['ingest'], workDir: string, options: HubOptions, log: (line: string) => void) {
  const naiveDir = path.join(workDir, 'ingest-naive');
  mkdirSync(naiveDir, { recursive: true });
  const naive = spawnChild('naive-ingest.ts', [naiveDir]);
  const { port } = await naive.message<{ port: number }>();
  log(`ingest: naive server, ${config.connections} connections, ${config.seconds} s`);
  const base = await measure(`http://127.0.0.1:${port}/v1/events`, 'unused', config);
  await naive.stop();
  log(`ingest: naive ${Math.round(rate(base))}/s, p50 ${base.p50} ms, p99 ${base.p99} ms`);

  const hub = await startHub(path.join(workDir, 'ingest-hub'), options);
  await hub.admin('PUT', '/api/settings', hookSettings(`http://127.0.0.1:${await closedPort()}`));
  log(`ingest: hub, ${config.connections} connections, ${config.seconds} s (hooks on, partner switched off)`);
  const result = await measure(hub.ingestUrl, hub.posToken, config);
  const stats = await hub.admin<StatsView>('GET', '/api/stats');
  await hub.stop();
  log(`ingest: hub ${Math.round(rate(result))}/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);

  const note = `hub: ${result.ok2xx} accepted, ${result.non2xx} non-2xx, ${result.errors} errors, ${stats.queueDepth} deliveries queued; ` +
    `naive: ${base.ok2xx} accepted, ${base.non2xx} non-2xx, ${base.errors} errors`;
  const rows: Row[] = [
    row('ingest', 'accepted events/s', '1/s', rate(result), 'naive', rate(base), { on: 'ratio', op: '>=', limit: 1.5 }, note),
    row('ingest', 'latency p50', 'ms', result.p50, 'naive', base.p50, null),
    row('ingest', 'latency p99', 'ms', result.p99, 'naive', base.p99, { on: 'value', op: '<=', limit: 10 }),
  ];
  return { rows, raw: { hub: result, naive: base, hubQueueDepth: stats.queueDepth } };
}
