// CPU while the hub only waits (issue 9.7): a backed-off partner whose single probe hangs, and a
// slow partner holding every slot of its endpoint. A dispatcher that re-armed zero-delay timers
// burned ~10% of a core here; one that sleeps until a slot frees or a due time passes costs what an
// idle hub costs. CPU is read from /proc/<pid>/stat (utime + stime) over the same window as the
// baseline, an idle hub with nothing queued.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildBacklog } from '../lib/backlog.ts';
import { closedPort, sleep } from '../lib/processes.ts';
import { startHub, configurePartners, type HubOptions } from '../lib/hub-runner.ts';
import { row, type Row } from '../lib/report.ts';
import { startPartner } from './drain.ts';
import type { BenchConfig } from './config.ts';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime (fields 14 and 15)
}

/** Percent of one core the process uses over `seconds`. */
async function cpuPercent(pid: number, seconds: number): Promise<number> {
  const before = cpuSeconds(pid);
  const started = performance.now();
  await sleep(seconds * 1000);
  return (100 * (cpuSeconds(pid) - before)) / ((performance.now() - started) / 1000);
}

async function waitingHub(dataDir: string, partnerArgs: string[], deliveries: number, options: HubOptions) {
  buildBacklog(dataDir, deliveries, 1024, [`http://127.0.0.1:${await closedPort()}`]);
  const partner = await startPartner(1, partnerArgs);
  const hub = await startHub(dataDir, options);
  await configurePartners(hub, partner.urls);
  return { hub, partner, stop: async () => { await hub.stop(); await partner.child.stop(); } };
}

export async function benchWaiting(config: BenchConfig['waiting'], workDir: string, options: HubOptions, log: (line: string) => void) {
  const idle = await startHub(path.join(workDir, 'waiting-idle'), options);
  await sleep(500);
  const idleCpu = await cpuPercent(idle.pid, config.seconds);
  await idle.stop();
  log(`waiting: idle hub ${idleCpu.toFixed(2)}% of a core`);

  // A partner down (503) long enough for the endpoints to back off, then hanging: only probes are out.
  const hanging = await waitingHub(path.join(workDir, 'waiting-probe'), ['--fail-ms', String(config.failMs), '--delay', 'hang'], 200, options);
  await hanging.partner.child.message((m) => 'hung' in m, 60_000);
  await sleep(200);
  const probeCpu = await cpuPercent(hanging.hub.pid, config.seconds);
  await hanging.stop();
  log(`waiting: probe hanging at a backed-off partner ${probeCpu.toFixed(2)}% of a core`);

  // A partner that answers after `slowMs`: every slot of the endpoint stays busy for the window.
  const slow = await waitingHub(path.join(workDir, 'waiting-slow'), ['--delay', String(config.slowMs)], 1000, options);
  await sleep(500);
  const slowCpu = await cpuPercent(slow.hub.pid, config.seconds);
  await slow.stop();
  log(`waiting: every slot busy at a slow partner ${slowCpu.toFixed(2)}% of a core`);

  const rows: Row[] = [
    row('waiting', 'CPU while a probe hangs at a backed-off partner', '% core', probeCpu, 'idle hub', idleCpu, { on: 'value', op: '<=', limit: 1 },
      `partner down for ${config.failMs} ms, then never answering; ${config.seconds} s window`),
    row('waiting', 'CPU while every slot is busy at a slow partner', '% core', slowCpu, 'idle hub', idleCpu, { on: 'value', op: '<=', limit: 1 },
      `partner answering after ${config.slowMs} ms; ${config.seconds} s window with every slot in flight`),
  ];
  return { rows, raw: { idleCpu, probeCpu, slowCpu } };
}
