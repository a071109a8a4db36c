// The delivery loop: claims due deliveries hook by hook within the global and per-endpoint
// limits, sends them, and records every attempt. Results are written in batches (one
// transaction for everything finished since the last turn) so logging costs little per webhook.
import { HOOKS, type Hook, type StoredSettings } from '../../../shared/settings.ts';
import type { Clock, DeliveryTuning } from '../hub-types.ts';
import { EXPIRE_BATCH, type DeliveryStore, type AttemptRecord } from '../outbox/delivery-store.ts';
import type { DueRow } from '../outbox/rows.ts';
import { payloadText } from '../outbox/log-queries.ts';
import type { Sender, AttemptResult } from './send-attempt.ts';
import type { EndpointHealth, HealthChange } from './endpoint-health.ts';
import { parseRetryAfter, retryDelayMs } from './retry-policy.ts';
import { activeSigningSecrets } from './signing-secrets.ts';
import { acceptsSource } from '../settings/apply-settings.ts';

const SWEEP_EVERY_MS = 10_000;
const MAX_SLEEP_MS = 30_000;

export interface DispatcherDeps {
  store: DeliveryStore;
  sender: Sender;
  health: EndpointHealth;
  settings: () => StoredSettings;
  clock: Clock;
  random: () => number;
  tuning: DeliveryTuning;
  onRecorded: (count: number) => void;
  onHealthChange: (change: HealthChange) => void;
  onError: (error: unknown) => void;
}

export function createDispatcher(deps: DispatcherDeps) {
  const { store, sender, health, clock, tuning } = deps;
  const finished: AttemptRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  let scheduled = false;
  let timer: NodeJS.Timeout | null = null;
  let lastSweep = -Infinity;
  let stopping = false; // close() began: claim nothing new
  let closing = false; // grace is over: results still arriving are not written
  let idleWaiters: (() => void)[] = [];

  function wake() {
    if (scheduled || closing) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      try {
        tick();
      } catch (error) {
        deps.onError(error);
        schedule(1000); // the disk may be full: try again, don't spin
      }
    });
  }

  function schedule(delayMs: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; wake(); }, Math.max(0, Math.min(delayMs, MAX_SLEEP_MS)));
    timer.unref?.();
  }

  function tick() {
    if (closing) return; // a turn queued before close() finished: the database may be closed already
    const now = clock.now();
    const sweep = now - lastSweep >= SWEEP_EVERY_MS;
    if (sweep) lastSweep = now;
    const batch = finished.splice(0, finished.length);
    // Every committed ingest group wakes us; with nothing finished, no sweep and nothing due for
    // an endpoint with room, there is nothing to write: no transaction.
    const idle = batch.length === 0 && !sweep && (stopping || !anythingDue(now));
    const work = idle ? { expired: 0, due: [] } : writeTurn(batch, sweep, now);
    if (batch.length > 0) deps.onRecorded(batch.length);
    if (work.expired > 0) deps.onRecorded(work.expired);
    if (work.expired >= EXPIRE_BATCH) lastSweep = -Infinity; // more are past their age: sweep again next turn
    if (stopping) return;
    for (const row of work.due) start(row, now);
    if (inFlight.size === 0 && finished.length === 0) {
      idleWaiters.forEach((resolve) => resolve());
      idleWaiters = [];
    }
    schedule(sleepMs(now));
  }

  function writeTurn(batch: AttemptRecord[], sweep: boolean, now: number): { expired: number; due: DueRow[] } {
    try {
      // One transaction per turn — the attempts that finished, the give-up sweep and the next
      // claims share one commit instead of one commit each: the drain rate is bound by commits,
      // and a delivery that finishes frees its slot and its check's next in one go.
      return store.atomically(() => {
        if (batch.length > 0) store.record(batch, now);
        const expired = sweep ? store.expire(now, deps.settings().retry.maxAgeHours * 3_600_000) : 0;
        return { expired, due: stopping ? [] : claimDue(now) };
      });
    } catch (error) {
      finished.unshift(...batch); // keep them; the next turn writes them
      throw error;
    }
  }

  function anythingDue(now: number): boolean {
    if (inFlight.size >= tuning.concurrency) return false;
    return HOOKS.some((hook) => health.capacity(hook, now, tuning.perEndpointConcurrency) > 0 && (store.nextDueAt(hook) ?? Infinity) <= now);
  }

  /** Claims due deliveries hook by hook within the global and per-endpoint limits. */
  function claimDue(now: number): DueRow[] {
    const due: DueRow[] = [];
    let free = tuning.concurrency - inFlight.size;
    for (const hook of HOOKS) {
      if (free <= 0) break;
      const capacity = Math.min(free, health.capacity(hook, now, tuning.perEndpointConcurrency));
      if (capacity <= 0) continue;
      const rows = store.claim(hook, now, capacity);
      due.push(...rows);
      free -= rows.length;
    }
    return due;
  }

  /** Until the earliest due delivery or probe; new events and finished attempts wake us sooner. */
  function sleepMs(now: number): number {
    let earliest = lastSweep + SWEEP_EVERY_MS;
    for (const hook of HOOKS) {
      const due = store.nextDueAt(hook);
      if (due === null) continue;
      const probe = health.isBackingOff(hook) ? health.state(hook).nextProbeAt : 0;
      earliest = Math.min(earliest, Math.max(due, probe));
    }
    return earliest - now;
  }

  function start(row: DueRow, now: number) {
    health.started(row.hook);
    const promise = attempt(row, now)
      .then((record) => {
        if (closing) return; // returned to the queue by close(); its row is still `delivering`
        finished.push(record);
      })
      .catch(deps.onError)
      .finally(() => {
        inFlight.delete(promise);
        wake();
      });
    inFlight.add(promise);
  }

  async function attempt(row: DueRow, now: number): Promise<AttemptRecord> {
    const settings = deps.settings();
    const url = settings.hooks[row.hook].url;
    const result = url === ''
      ? noUrl()
      : await sender.send({
          url,
          body: payloadText(row.body, row.created_at),
          webhookId: row.webhook_id,
          timestampSeconds: Math.floor(now / 1000),
          apiKey: settings.requestHeader,
          signingSecrets: activeSigningSecrets(settings, now),
        });
    return toRecord(row, now, url, result, settings.retry.maxAgeHours * 3_600_000);
  }

  function toRecord(row: DueRow, startedAt: number, url: string, result: AttemptResult, maxAgeMs: number): AttemptRecord {
    const end = clock.now();
    const number = row.attempts + 1;
    const base = { deliveryId: row.id, checkKey: row.check_key, number, startedAt, url, ...result };
    const change = healthAfter(row.hook, result, end);
    if (change) deps.onHealthChange(change);
    if (result.outcome === 'delivered') return { ...base, next: { state: 'delivered' } };
    if (result.outcome === 'failed') return { ...base, next: { state: 'failed' } };
    // The hook was turned off while this attempt was in flight: saving cancelled the waiting
    // ones, and this one must not be tried again either.
    if (!acceptsSource(deps.settings(), row.hook, row.source)) return { ...base, next: { state: 'cancelled' } };
    if (end - row.active_since >= maxAgeMs) return { ...base, next: { state: 'dead' } };
    const delay = retryDelayMs(number, parseRetryAfter(result.retryAfter, end), deps.random);
    return { ...base, next: { state: 'retrying', at: end + delay } };
  }

  function healthAfter(hook: Hook, result: AttemptResult, now: number): HealthChange | null {
    if (result.outcome === 'retry') return health.failed(hook, now, result.error ?? 'failed', parseRetryAfter(result.retryAfter, now));
    const change = result.outcome === 'delivered' ? health.succeeded(hook) : health.rejected(hook, now, result.status === 410);
    // The partner is back: everything that waited for it goes now, not at its own backoff time.
    if (change?.kind === 'recovered') store.retryHookNow(hook, now);
    return change;
  }

  return {
    wake,
    /** Resolves once nothing is in flight and every result is written (tests, shutdown). */
    whenIdle(): Promise<void> {
      if (inFlight.size === 0 && finished.length === 0) return Promise.resolve();
      return new Promise((resolve) => { idleWaiters.push(resolve); wake(); });
    },
    inFlightCount: () => inFlight.size,
    /** Lets in-flight attempts finish for up to `graceMs`, writes them, and returns the rest to the queue. */
    async close(graceMs: number) {
      stopping = true;
      if (timer) clearTimeout(timer);
      const pending = Promise.allSettled([...inFlight]);
      await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      closing = true;
      const batch = finished.splice(0, finished.length);
      if (batch.length > 0) writeTurn(batch, false, clock.now()); // stopping: writes, claims nothing
      if (batch.length > 0) deps.onRecorded(batch.length);
      store.requeueInterrupted(clock.now());
      sender.close();
    },
  };
}

function noUrl(): AttemptResult {
  return { outcome: 'retry', status: null, latencyMs: 0, error: 'No URL is set for this hook', responseBody: null, retryAfter: undefined, requestHeaders: {} };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
