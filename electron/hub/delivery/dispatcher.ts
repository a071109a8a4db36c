// The delivery loop: claims due deliveries endpoint by endpoint (every partner's three hooks)
// within the global and per-endpoint limits, sends them, and records every attempt. Everything a
// turn writes — finished attempts, the give-up sweep, recovered endpoints, new claims — commits in
// one transaction, or stays in memory to be written by the next turn. Between turns it sleeps until
// a slot frees, a delivery falls due or a probe is allowed: never a busy loop.
import { HOOKS, type Hook } from '../../../shared/settings.ts';
import type { StoredPartner } from '../../../shared/partners.ts';
import type { EventSource } from '../../../shared/event.ts';
import type { Clock, DeliveryTuning } from '../hub-types.ts';
import { EXPIRE_BATCH, type DeliveryStore, type AttemptRecord } from '../outbox/delivery-store.ts';
import type { DueRow } from '../outbox/rows.ts';
import { payloadText } from '../outbox/log-queries.ts';
import type { Sender, AttemptResult } from './send-attempt.ts';
import type { Endpoint, EndpointHealth, HealthChange } from './endpoint-health.ts';
import { parseRetryAfter, retryDelayMs } from './retry-policy.ts';
import { activeSigningSecrets } from './signing-secrets.ts';
import { acceptsSource } from '../settings/apply-settings.ts';

const SWEEP_EVERY_MS = 10_000;
const MAX_SLEEP_MS = 30_000;
/**
 * While attempts are in flight, a finished one waits this long for others to finish with it, so a
 * turn writes (and commits) many results at once instead of one transaction per webhook.
 */
const GATHER_MS = 1;

export interface DispatcherDeps {
  store: DeliveryStore;
  sender: Sender;
  health: EndpointHealth;
  /** The partners that exist now (a removed one's deliveries are never sent). */
  partners: { list(): readonly StoredPartner[]; get(id: string): StoredPartner | undefined };
  /** An endpoint's backlog right now (pending, delivering, retrying). */
  waiting: (endpoint: Endpoint) => number;
  clock: Clock;
  random: () => number;
  tuning: DeliveryTuning;
  onRecorded: (count: number) => void;
  onHealthChange: (change: HealthChange) => void;
  /** Every finished attempt, once its endpoint's health took it in (metrics, head office's alerts). */
  onAttempt?: (endpoint: Endpoint, result: AttemptResult, latencyMs: number) => void;
  onError: (error: unknown) => void;
  /** The outbox's times are being moved after a clock jump (clock-shift.ts): give up and claim nothing yet; wake() follows. */
  clockShifting?: () => boolean;
}

/** A finished attempt with what its write needs to re-check routing. */
type Finished = AttemptRecord & { source: EventSource; hook: Hook };

export function endpointsOf(partners: readonly StoredPartner[]): Endpoint[] {
  return partners.flatMap((partner) => HOOKS.map((hook: Hook) => ({ partnerId: partner.id, hook })));
}

/** endpointsOf, worked out again only when the partner list changes (it is replaced on every save). */
function endpointsCache(): (partners: readonly StoredPartner[]) => Endpoint[] {
  let last: readonly StoredPartner[] | null = null;
  let endpoints: Endpoint[] = [];
  return (partners) => {
    if (partners !== last) {
      last = partners;
      endpoints = endpointsOf(partners);
    }
    return endpoints;
  };
}

/** Whether the partner still takes this delivery: it exists and the hook routes the event's source. */
function stillWanted(partner: StoredPartner | undefined, row: Pick<DueRow, 'hook' | 'source'>): partner is StoredPartner {
  return partner !== undefined && acceptsSource(partner, row.hook, row.source);
}

export function createDispatcher(deps: DispatcherDeps) {
  const { store, sender, health, clock, tuning } = deps;
  let finished: Finished[] = [];
  /** Endpoints whose outage ended: their waiting deliveries go now, written with the turn. */
  let recovered: Endpoint[] = [];
  const inFlight = new Set<Promise<void>>();
  let scheduled = false;
  let timer: NodeJS.Timeout | null = null;
  /** When the timer will wake us (clock time). */
  let timerAt = Infinity;
  let lastSweep = -Infinity;
  let stopping = false; // close() began: claim nothing new
  let closing = false; // grace is over: results still arriving are not written
  let idleWaiters: (() => void)[] = [];
  let gathering = false;
  const endpointsNow = endpointsCache();
  /** The clock's jumps so far (clock-jumps.ts): an attempt in flight across one does not count it in its age. */
  let jumpedMs = 0;

  /** A finished attempt: with others still in flight, gather a moment so they share one turn. */
  function finishedOne() {
    if (inFlight.size === 0 || closing) return wake();
    if (gathering || scheduled) return;
    gathering = true;
    setTimeout(() => { gathering = false; wake(); }, GATHER_MS);
  }

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

  function schedule(delayMs: number | null) {
    if (timer) clearTimeout(timer);
    timer = null;
    if (delayMs === null) return;
    const delay = Math.max(0, Math.min(delayMs, MAX_SLEEP_MS));
    timerAt = clock.now() + delay;
    timer = setTimeout(() => { timer = null; wake(); }, delay);
    timer.unref?.();
  }

  function tick() {
    if (closing) return; // a turn queued before close() finished: the database may be closed already
    const now = clock.now();
    const paused = deps.clockShifting?.() ?? false; // the outbox's times are being moved after a clock jump
    const sweep = !paused && now - lastSweep >= SWEEP_EVERY_MS;
    if (sweep) lastSweep = now;
    const endpoints = endpointsNow(deps.partners.list());
    // Every committed ingest group wakes us; with nothing finished, no sweep and nothing due for
    // an endpoint with room, there is nothing to write: no transaction.
    const idle = finished.length === 0 && recovered.length === 0 && !sweep && (stopping || paused || !anythingDue(endpoints, now));
    const work = idle ? { written: 0, expired: 0, due: [] } : writeTurn(paused ? [] : endpoints, sweep, now);
    if (work.written > 0) deps.onRecorded(work.written);
    if (work.expired > 0) deps.onRecorded(work.expired);
    if (work.expired >= EXPIRE_BATCH) lastSweep = -Infinity; // more are past their age: sweep again next turn
    if (stopping) return;
    for (const row of work.due) start(row, now);
    if (inFlight.size === 0 && finished.length === 0) {
      idleWaiters.forEach((resolve) => resolve());
      idleWaiters = [];
    }
    schedule(paused ? null : sleepMs(endpoints, now));
  }

  function writeTurn(endpoints: Endpoint[], sweep: boolean, now: number): { written: number; expired: number; due: DueRow[] } {
    const batch = finished;
    const back = recovered;
    finished = [];
    recovered = [];
    try {
      // One transaction per turn — the attempts that finished, the endpoints that came back, the
      // give-up sweep and the next claims share one commit: the drain rate is bound by commits,
      // and a delivery that finishes frees its slot and its check's next in one go.
      return store.atomically(() => {
        if (batch.length > 0) store.record(batch.map((record) => settle(record)), now);
        for (const endpoint of back) store.retryEndpointNow(endpoint, now);
        const expired = sweep ? expireAll(now) : 0;
        return { written: batch.length, expired, due: stopping ? [] : claimDue(endpoints, now) };
      });
    } catch (error) {
      finished = [...batch, ...finished]; // kept: the next turn writes them
      recovered = [...back, ...recovered];
      throw error;
    }
  }

  /** At write time, a retry of a hook turned off (or a partner removed) since the answer came is cancelled. */
  function settle(record: Finished): AttemptRecord {
    if (record.next.state !== 'retrying') return record;
    const partner = deps.partners.get(record.lane.partnerId);
    return stillWanted(partner, { hook: record.hook, source: record.source }) ? record : { ...record, next: { state: 'cancelled' } };
  }

  function expireAll(now: number): number {
    let expired = 0;
    for (const partner of deps.partners.list()) expired += store.expire(partner.id, now, partner.retry.maxAgeHours * 3_600_000);
    return expired;
  }

  function anythingDue(endpoints: Endpoint[], now: number): boolean {
    if (inFlight.size >= tuning.concurrency) return false;
    return endpoints.some((e) => health.capacity(e, now, tuning.perEndpointConcurrency) > 0 && (store.nextDueAt(e) ?? Infinity) <= now);
  }

  /** Claims due deliveries endpoint by endpoint within the global and per-endpoint limits. */
  function claimDue(endpoints: Endpoint[], now: number): DueRow[] {
    const due: DueRow[] = [];
    let free = tuning.concurrency - inFlight.size;
    for (const endpoint of endpoints) {
      if (free <= 0) break;
      const capacity = Math.min(free, health.capacity(endpoint, now, tuning.perEndpointConcurrency));
      if (capacity <= 0) continue;
      for (const row of store.claim(endpoint, now, capacity)) {
        // NO means the partner receives nothing: a copy or retry of a hook turned off never goes.
        if (!stillWanted(deps.partners.get(row.partner_id), row)) {
          store.cancelClaimed(row, now);
          continue;
        }
        due.push(row);
        free -= 1;
      }
    }
    return due;
  }

  /**
   * Until the earliest moment something can start: a due delivery of an endpoint with a free slot,
   * or a backed-off endpoint's next probe. Endpoints at their limit (or with their probe in flight)
   * and a full global limit set no timer — the attempt that finishes wakes us. Null: nothing to wait for
   * but the sweep.
   */
  function sleepMs(endpoints: Endpoint[], now: number): number {
    let earliest = lastSweep + SWEEP_EVERY_MS;
    // Every slot busy: the next attempt to finish wakes us; only the sweep needs a timer.
    if (inFlight.size < tuning.concurrency) {
      for (const endpoint of endpoints) {
        const due = store.nextDueAt(endpoint);
        if (due === null) continue;
        const state = health.state(endpoint);
        if (health.isBackingOff(endpoint)) {
          if (state.inFlight > 0) continue; // its probe is out
          earliest = Math.min(earliest, Math.max(due, state.nextProbeAt));
        } else if (state.inFlight < tuning.perEndpointConcurrency) {
          earliest = Math.min(earliest, due);
        }
      }
    }
    return Math.max(earliest - now, 1);
  }

  function start(row: DueRow, now: number) {
    const endpoint = { partnerId: row.partner_id, hook: row.hook };
    health.started(endpoint);
    const jumpedBefore = jumpedMs;
    const promise = attempt(row, now, () => jumpedMs - jumpedBefore)
      .then((record) => {
        if (closing) return; // returned to the queue by close(); its row is still `delivering`
        finished.push(record);
      })
      .catch(deps.onError)
      .finally(() => {
        inFlight.delete(promise);
        finishedOne();
      });
    inFlight.add(promise);
  }

  async function attempt(row: DueRow, now: number, jumpedSince: () => number): Promise<Finished> {
    const partner = deps.partners.get(row.partner_id);
    const url = partner?.hooks[row.hook].url ?? '';
    const result = url === '' || !partner
      ? noUrl()
      : await sender.send({
          url,
          body: payloadText(row.body, row.type, row.created_at),
          webhookId: row.webhook_id,
          timestampSeconds: Math.floor(now / 1000),
          apiKey: partner.requestHeader,
          signingSecrets: activeSigningSecrets(partner, now),
        });
    const maxAgeMs = (partner?.retry.maxAgeHours ?? 72) * 3_600_000;
    return { ...toRecord(row, now, url, result, { maxAgeMs, activeSince: row.active_since + jumpedSince() }), source: row.source, hook: row.hook };
  }

  /** `activeSince`: since when the delivery waits, by today's clock (the row's, moved by any jump while in flight). */
  function toRecord(row: DueRow, startedAt: number, url: string, result: AttemptResult, age: { maxAgeMs: number; activeSince: number }): AttemptRecord {
    const end = clock.now();
    const number = row.attempts + 1;
    const endpoint = { partnerId: row.partner_id, hook: row.hook };
    const base = { deliveryId: row.id, lane: { partnerId: row.partner_id, checkKey: row.check_key }, resentFrom: row.resent_from, number, startedAt, url, ...result };
    const retryAfterMs = parseRetryAfter(result.retryAfter, end);
    const change = health.finished(endpoint, { ...result, retryAfterMs }, end, () => deps.waiting(endpoint));
    // The partner is back: everything that waited for it goes now, not at its own backoff time.
    if (change === 'recovered') recovered.push(endpoint);
    if (change) deps.onHealthChange({ ...endpoint, kind: change });
    deps.onAttempt?.(endpoint, result, result.latencyMs);
    if (result.outcome === 'delivered') return { ...base, next: { state: 'delivered' } };
    if (result.outcome === 'failed') return { ...base, next: { state: 'failed' } };
    if (!stillWanted(deps.partners.get(row.partner_id), row)) return { ...base, next: { state: 'cancelled' } };
    if (end - age.activeSince >= age.maxAgeMs) return { ...base, next: { state: 'dead' } };
    const delay = retryDelayMs(number, retryAfterMs, deps.random);
    return { ...base, next: { state: 'retrying', at: end + delay } };
  }

  /**
   * New deliveries were queued: worth a turn only if some endpoint may start an attempt now. While
   * every partner is backed off (an outage) the next probe's timer is already set, and a turn per
   * ingest commit would only look the queue over again.
   */
  function queued() {
    if (timer === null || inFlight.size >= tuning.concurrency) return wake();
    const now = clock.now();
    const worthIt = endpointsNow(deps.partners.list()).some((e) =>
      health.capacity(e, now, tuning.perEndpointConcurrency) > 0 || (health.isBackingOff(e) && health.state(e).nextProbeAt < timerAt));
    if (worthIt) wake();
  }

  /** The computer's clock jumped by `deltaMs` (clock-jumps.ts; the outbox's times are moved already). */
  function clockJumped(deltaMs: number) {
    jumpedMs += deltaMs;
    if (deltaMs < 0) {
      health.clockWentBack(deltaMs);
      lastSweep += deltaMs;
    }
    timerAt = -Infinity;
    wake();
  }

  return {
    wake,
    queued,
    clockJumped,
    /** Resolves once nothing is in flight and every result is written (tests, shutdown). */
    whenIdle(): Promise<void> {
      if (inFlight.size === 0 && finished.length === 0) return Promise.resolve();
      return new Promise((resolve) => { idleWaiters.push(resolve); wake(); });
    },
    inFlightCount: () => inFlight.size,
    /** Lets in-flight attempts finish for up to `graceMs`, writes them, and returns the rest to the queue. */
    async close(graceMs: number) {
      stopping = true;
      schedule(null);
      const pending = Promise.allSettled([...inFlight]);
      await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      closing = true;
      const written = finished.length > 0 || recovered.length > 0 ? writeTurn([], false, clock.now()).written : 0; // stopping: claims nothing
      if (written > 0) deps.onRecorded(written);
      store.requeueInterrupted(clock.now());
      sender.close();
    },
  };
}

function noUrl(): AttemptResult {
  return { outcome: 'retry', status: null, latencyMs: 0, error: 'No URL is set for this hook', responseBody: null, retryAfter: undefined, requestHeaders: {} };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
