// `npm run bench -- --smoke` as part of the test suite: tiny counts, but the whole harness runs
// (hub bundle, child processes, every scenario), and the table and JSON carry every row with numbers.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './lib/processes.ts';
import type { Row } from './lib/report.ts';

const run = promisify(execFile);
const outDir = mkdtempSync(path.join(os.tmpdir(), 'owh-bench-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const EXPECTED: [Row['section'], RegExp][] = [
  ['ingest', /^accepted events\/s$/], ['ingest', /^latency p50$/], ['ingest', /^latency p99$/],
  ['ingest', /^accepted events\/s, 5 partners$/], ['ingest', /^latency p99, 5 partners$/],
  ['drain', /^deliveries\/s until empty$/], ['drain', /^axios fetch adapter$/], ['drain', /^undici Pool/], ['drain', /^per-check order violations$/],
  ['drain', /^deliveries\/s until empty, 5 partners$/], ['drain', /^per-check order violations, 5 partners$/],
  ['waiting', /^CPU while a probe hangs/], ['waiting', /^CPU while every slot is busy/],
  ['drain', /^deliveries\/s with .* queued( for \d+ partners)?$/],
  ['memory', /^peak RSS, .* idle/], ['memory', /^peak RSS, .* draining/], ['memory', /^start-up to health OK after a clean stop/], ['memory', /^start-up to health OK after a crash/], ['memory', /^of which PRAGMA quick_check/],
  ['log', /^first page$/], ['log', /^state filter/], ['log', /^hook filter/], ['log', /^partner filter/], ['log', /^check number search/],
  ['metrics', /^\/metrics scrape$/],
];

describe('npm run bench -- --smoke', () => {
  it('prints the table and writes the JSON with every row, each with numbers', async () => {
    const out = path.join(outDir, 'smoke.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests', 'bench', 'run.ts'), '--smoke', '--out', out], {
      cwd: ROOT, timeout: 170_000, maxBuffer: 16 * 1024 * 1024,
    });
    const document = JSON.parse(readFileSync(out, 'utf8')) as { mode: string; rows: Row[] };
    expect(document.mode).toBe('smoke');
    for (const [section, metric] of EXPECTED) {
      const row = document.rows.find((r) => r.section === section && metric.test(r.metric));
      expect(row, `${section}: ${metric}`).toBeDefined();
      expect(Number.isFinite(row!.value), `${row!.metric} value`).toBe(true);
      expect(Number.isFinite(row!.baseline), `${row!.metric} baseline`).toBe(true);
      expect(Number.isFinite(row!.ratio) || row!.baseline === 0, `${row!.metric} ratio`).toBe(true);
      const line = stdout.split('\n').find((l) => l.startsWith(`| ${section}`) && l.includes(`| ${row!.metric} (`));
      expect(line, `table line for ${row!.metric}`).toBeDefined();
      const cells = line!.split('|').map((c) => c.trim());
      expect(cells[3]).toMatch(/^-?\d/); // hub figure
      expect(cells[4]).toMatch(/^-?\d/); // baseline figure
      expect(cells[5]).toMatch(/^(-?\d|— \(baseline 0\))/); // ratio
    }
    // The smoke run must have drained, ingested and queried for real.
    const rate = document.rows.find((r) => r.metric === 'deliveries/s until empty')!;
    expect(rate.value).toBeGreaterThan(0);
    expect(document.rows.find((r) => r.metric === 'per-check order violations')!.value).toBe(0);
    expect(document.rows.find((r) => r.metric === 'per-check order violations, 5 partners')!.value).toBe(0);
  }, 180_000);
});
