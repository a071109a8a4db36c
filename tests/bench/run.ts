// `npm run bench`: ingest, drain, memory/start-up and delivery-log figures for the hub, each beside
// a baseline measured in the same run. Everything runs on loopback, bounded in count and time.
// Flags: --smoke (tiny counts, < 30 s), --only ingest,drain,memory,waiting, --verbose (query plans),
// --profile (the hub writes .cpuprofile files to bench-results/profiles), --deliveries N (drain
// backlog), --queued N (memory backlog), --hub-node-flags "..." (experiments), --out FILE, --keep.
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bundleHub } from './lib/hub-runner.ts';
import { HUB_V8_FLAGS } from '../../electron/hub/v8-flags.ts';
import { ROOT } from './lib/processes.ts';
import { formatTable, writeResults, type Row } from './lib/report.ts';
import { FULL, SMOKE } from './scenarios/config.ts';
import { benchIngest } from './scenarios/ingest.ts';
import { benchDrain } from './scenarios/drain.ts';
import { benchMemory } from './scenarios/memory.ts';
import { benchWaiting } from './scenarios/waiting.ts';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    deliveries: { type: 'string' },
    queued: { type: 'string' },
    'hub-node-flags': { type: 'string' },
  },
});
const base = values.smoke ? SMOKE : FULL;
const config = {
  ...base,
  drain: { ...base.drain, deliveries: values.deliveries ? Number(values.deliveries) : base.drain.deliveries },
  memory: { ...base.memory, queued: values.queued ? Number(values.queued) : base.memory.queued },
};
const only = new Set((values.only ?? 'ingest,drain,memory,waiting').split(',').map((s) => s.trim()));
const out = path.resolve(values.out ?? path.join(ROOT, 'bench-results', 'latest.json'));
const cpuProfileDir = values.profile ? path.join(ROOT, 'bench-results', 'profiles') : undefined;
// The hub runs with the V8 flags `npm run serve` gives it, unless an experiment says otherwise.
const SERVE_NODE_FLAGS: string[] = [...HUB_V8_FLAGS];
const hubOptions = { cpuProfileDir, nodeFlags: values['hub-node-flags']?.split(' ').filter(Boolean) ?? SERVE_NODE_FLAGS };
const log = (line: string) => console.error(`[bench] ${line}`);

const workDir = mkdtempSync(path.join(os.tmpdir(), 'owh-bench-'));
const startedAt = new Date();
const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const failures: string[] = [];
/** A scenario that fails is reported and the others still run; the exit code says so. */
async function scenario<T>(name: string, run: () => Promise<T>): Promise<T | null> {
  if (!only.has(name)) return null;
  try {
    return await run();
  } catch (error) {
    failures.push(name);
    log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
    return null;
  }
}

try {
  await bundleHub();
  const ingest = await scenario('ingest', () => benchIngest(config.ingest, workDir, hubOptions, log));
  if (ingest) {
    rows.push(...ingest.rows);
    raw.ingest = ingest.raw;
  }
  const drain = await scenario('drain', () => benchDrain(config.drain, workDir, hubOptions, log));
  if (drain) {
    rows.push(...drain.rows);
    raw.drain = drain.raw;
  }
  const waiting = await scenario('waiting', () => benchWaiting(config.waiting, workDir, hubOptions, log));
  if (waiting) {
    rows.push(...waiting.rows);
    raw.waiting = waiting.raw;
  }
  const memory = await scenario('memory', () => benchMemory(config.memory, workDir, drain?.hubRate ?? NaN, hubOptions, values.verbose ?? false, log));
  if (memory) {
    rows.push(...memory.rows);
    raw.memory = memory.raw;
  }
} finally {
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  else log(`work files kept in ${workDir}`);
}

const finishedAt = new Date();
console.log(formatTable(rows));
writeResults(out, {
  startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), seconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
  mode: values.smoke ? 'smoke' : 'full',
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  config, rows, raw, failures,
});
log(`results written to ${path.relative(ROOT, out)} in ${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(0)} s`);
if (failures.length > 0) {
  log(`failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
