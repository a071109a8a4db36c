// One result row per figure: the hub's number beside a baseline measured in the same run, their
// ratio, and the target. Printed as a table and written as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Row {
  section: 'ingest' | 'drain' | 'waiting' | 'memory' | 'log' | 'metrics';
  metric: string;
  unit: string;
  value: number;
  baselineName: string;
  baseline: number;
  /** value / baseline. */
  ratio: number;
  /** e.g. "ratio >= 1.5", "value <= 10". */
  target: string;
  met: boolean | null;
  note?: string;
}

type Check = { on: 'value' | 'ratio'; op: '<=' | '>='; limit: number } | null;

export function row(section: Row['section'], metric: string, unit: string, value: number, baselineName: string, baseline: number, check: Check, note?: string): Row {
  const ratio = baseline === 0 ? (value === 0 ? 1 : Infinity) : value / baseline;
  let met: boolean | null = null;
  let target = '';
  if (check) {
    const subject = check.on === 'ratio' ? ratio : value;
    met = check.op === '<=' ? subject <= check.limit : subject >= check.limit;
    target = `${check.on} ${check.op} ${check.limit}`;
  }
  return { section, metric, unit, value, baselineName, baseline, ratio, target, met, ...(note ? { note } : {}) };
}

const fmt = (n: number) => !Number.isFinite(n) ? String(n) : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);

export function formatTable(rows: Row[]): string {
  const header = ['section', 'metric', 'hub', 'baseline', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    r.section, `${r.metric} (${r.unit})`, fmt(r.value), `${fmt(r.baseline)} ${r.baselineName}`, Number.isFinite(r.ratio) ? `${fmt(r.ratio)}x` : '— (baseline 0)', r.target,
    r.met === null ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [render(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(render)].join('\n');
}

export function writeResults(file: string, document: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}
