// A POS pushing check events to the hub's ingest API (contract §3): interleaved OLO and POS check
// lifecycles at a set rate, retried on network errors and 503s (eventId makes a retry safe), until a
// check/event count or a duration is reached.
// CLI: npx tsx tests/tools/pos-simulator.ts --url http://127.0.0.1:8787 --token T --checks 20 --rate 5
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { PosEvent } from '../../shared/event.ts';
import { storeEvents } from './store-stream.ts';
import { postWithRetry, wait, type IngestOutcome } from './ingest-client.ts';

export interface PosSimulatorOptions {
  /** The hub's ingest base URL, e.g. http://127.0.0.1:8787 (`/v1/events` is appended). */
  url: string;
  token: string;
  /** Checks to play out; default 20, or endless when a count or duration bounds the run. */
  checks?: number;
  /** Stop after this many events, even mid-check. */
  count?: number;
  durationMs?: number;
  /** Events per second; 0 sends as fast as the hub answers. */
  rate?: number;
  oloShare?: number;
  /** Events per request; 1 sends a bare event, more send `{"events": [...]}`. */
  batch?: number;
  storeId?: string;
  /** Prefix of check ids; defaults to a per-run id so reruns against one hub are new events. */
  runId?: string;
  maxRetries?: number;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface PosSimulatorSummary {
  /** Distinct events posted (retries not counted). */
  sent: number;
  requests: number;
  retries: number;
  accepted: number;
  duplicates: number;
  /** Events the hub never acknowledged (rejected, or retries given up). */
  errors: number;
  elapsedMs: number;
  eventsPerSecond: number;
  acknowledgedEventIds: string[];
}

const AVERAGE_EVENTS_PER_CHECK = 4.5;

export async function runPosSimulator(options: PosSimulatorOptions): Promise<PosSimulatorSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rate = options.rate ?? 5;
  const batch = Math.min(500, Math.max(1, Math.floor(options.batch ?? 1)));
  const runId = options.runId ?? `sim-${Date.now().toString(36)}`;
  // When paced, spread store time like real time so occurredAt is close to when events are sent.
  const staggerMs = rate > 0 ? (AVERAGE_EVENTS_PER_CHECK * 1000) / rate : undefined;
  const bounded = options.count !== undefined || options.durationMs !== undefined;
  const checks = options.checks ?? (bounded ? undefined : 20);
  const stream = storeEvents({
    storeId: options.storeId ?? 'store-042', checks, oloShare: options.oloShare ?? 0.3,
    runId, seed: runId, staggerMs, gapMs: staggerMs === undefined ? undefined : staggerMs * 1.2,
  });
  const endpoint = new URL('/v1/events', options.url).href;
  const started = performance.now();
  const deadline = options.durationMs === undefined ? Number.POSITIVE_INFINITY : started + options.durationMs;
  const summary: PosSimulatorSummary = {
    sent: 0, requests: 0, retries: 0, accepted: 0, duplicates: 0, errors: 0, elapsedMs: 0, eventsPerSecond: 0,
    acknowledgedEventIds: [],
  };
  const limit = options.count ?? Number.POSITIVE_INFINITY;

  while (!options.signal?.aborted && summary.sent < limit && performance.now() < deadline) {
    const events: PosEvent[] = [];
    while (events.length < batch && summary.sent + events.length < limit) {
      const next = stream.next();
      if (next.done) break;
      events.push(next.value);
    }
    if (events.length === 0) break;
    if (rate > 0) await wait(started + (summary.sent * 1000) / rate - performance.now(), options.signal);
    if (options.signal?.aborted || performance.now() >= deadline) break;

    summary.sent += events.length;
    const outcome: IngestOutcome = await postWithRetry(endpoint, options.token, events.length === 1 ? events[0] : { events }, {
      maxRetries: options.maxRetries ?? 30, timeoutMs: options.requestTimeoutMs ?? 10_000, deadline, signal: options.signal, log,
    });
    summary.requests += outcome.attempts;
    summary.retries += outcome.attempts - 1;
    const ids = `${events[0]?.eventId}${events.length > 1 ? ` … (${events.length} events)` : ''}`;
    if (outcome.ok) {
      summary.accepted += outcome.accepted;
      summary.duplicates += outcome.duplicates;
      summary.acknowledgedEventIds.push(...events.map((e) => e.eventId));
      log(`${outcome.status}  ${ids}  accepted ${outcome.accepted}  duplicates ${outcome.duplicates}`);
    } else {
      summary.errors += events.length;
      log(`${outcome.status ?? 'ERR'}  ${ids}  not acknowledged: ${outcome.error}`);
      if (outcome.status === 401) {
        log('stopping: the hub rejected the POS token');
        break;
      }
    }
  }

  summary.elapsedMs = Math.round(performance.now() - started);
  summary.eventsPerSecond = summary.elapsedMs > 0 ? Math.round(((summary.accepted + summary.duplicates) * 10_000) / summary.elapsedMs) / 10 : 0;
  log(`sent ${summary.sent} events in ${(summary.elapsedMs / 1000).toFixed(1)} s: accepted ${summary.accepted}, ` +
    `duplicates ${summary.duplicates}, errors ${summary.errors}, retries ${summary.retries}, ${summary.eventsPerSecond} events/s`);
  return summary;
}

function parseCli(argv: string[]): PosSimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8787' },
      token: { type: 'string', default: process.env.HUB_POS_TOKEN },
      checks: { type: 'string' },
      count: { type: 'string' },
      duration: { type: 'string' },
      rate: { type: 'string', default: '5' },
      'olo-share': { type: 'string', default: '0.3' },
      batch: { type: 'string', default: '1' },
      store: { type: 'string', default: 'store-042' },
      'run-id': { type: 'string' },
      'max-retries': { type: 'string', default: '30' },
    },
  });
  const number = (name: string, text: string | undefined, min: number, max: number): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return value;
  };
  if (!values.token) throw new Error('--token (or HUB_POS_TOKEN) is required: the POS token shown by the hub');
  const duration = number('duration', values.duration, 0, 86_400);
  return {
    url: values.url, token: values.token, storeId: values.store, runId: values['run-id'],
    checks: number('checks', values.checks, 1, 1_000_000), count: number('count', values.count, 1, 100_000_000),
    durationMs: duration === undefined ? undefined : duration * 1000,
    rate: number('rate', values.rate, 0, 1_000_000), oloShare: number('olo-share', values['olo-share'], 0, 1),
    batch: number('batch', values.batch, 1, 500), maxRetries: number('max-retries', values['max-retries'], 0, 1_000_000),
  };
}

async function main(): Promise<void> {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const summary = await runPosSimulator({ ...parseCli(process.argv.slice(2)), signal: abort.signal });
  process.exitCode = summary.errors > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`pos-simulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}
