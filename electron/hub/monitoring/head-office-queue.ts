// Sends head office's outbox one message at a time, oldest first, with its own axios sender and
// its own endpoint health: a head office that is down gets one probe at a time on a back-off, and
// none of it touches the partners' dispatcher, its slots or its sockets. Signed like a partner's
// webhook (Standard Webhooks) and carrying the page's API-key header.
import type { TestResult } from '../../../shared/api.ts';
import { DEFAULT_MAX_AGE_HOURS } from '../../../shared/settings.ts';
import type { MonitoringState, StoredMonitoring } from '../../../shared/monitoring.ts';
import type { Clock } from '../hub-types.ts';
import type { Sender } from '../delivery/send-attempt.ts';
import type { Endpoint, EndpointHealth } from '../delivery/endpoint-health.ts';
import { parseRetryAfter } from '../delivery/retry-policy.ts';
import { activeSigningSecrets } from '../delivery/signing-secrets.ts';
import { newWebhookId } from '../outbox/event-store.ts';
import type { MessageResult, MessageRow, MonitoringOutbox } from './monitoring-outbox.ts';

/**
 * EndpointHealth keys its endpoints by partner and hook; head office is one URL, the only endpoint
 * of the instance it is given, so any fixed key serves.
 */
export const HEAD_OFFICE: Endpoint = { partnerId: 'head-office', hook: 'open' };
/** Alerts are given up like orders: after 72 hours of trying. */
export const ALERT_MAX_AGE_MS = DEFAULT_MAX_AGE_HOURS * 3_600_000;

export interface HeadOfficeQueueDeps {
  outbox: MonitoringOutbox;
  page: () => StoredMonitoring;
  sender: Sender;
  health: EndpointHealth;
  clock: Clock;
  /** A message was written (sent, retried, given up) and nothing is in flight: time to plan the next wake-up. */
  onRecorded: () => void;
  onError: (error: unknown) => void;
}

export function createHeadOfficeQueue(deps: HeadOfficeQueueDeps) {
  const { outbox, sender, health, clock } = deps;
  let inFlight: Promise<void> | null = null;
  let stopping = false; // close() began: start nothing new
  let closed = false; // grace is over: an answer still arriving is not written
  let lastDeliveredAt = outbox.lastDeliveredAt();
  outbox.requeueInterrupted(clock.now());

  function request(page: StoredMonitoring, body: string, webhookId: string, now: number) {
    return {
      url: page.url, body, webhookId, timestampSeconds: Math.floor(now / 1000),
      apiKey: page.requestHeader, signingSecrets: activeSigningSecrets(page, now),
    };
  }

  function pump(): void {
    if (stopping || inFlight) return;
    const page = deps.page();
    if (page.url === '') return;
    const now = clock.now();
    if (outbox.expire(now, ALERT_MAX_AGE_MS) > 0) deps.onRecorded();
    if (health.capacity(HEAD_OFFICE, now, 1) === 0) return;
    const row = outbox.claim(now);
    if (!row) return;
    health.started(HEAD_OFFICE);
    inFlight = send(row, page, now)
      .catch(deps.onError)
      .finally(() => {
        inFlight = null;
        pump();
        deps.onRecorded();
      });
  }

  async function send(row: MessageRow, page: StoredMonitoring, now: number) {
    const result = await sender.send(request(page, row.body, row.webhook_id, now));
    if (closed) return; // returned to the queue by close()
    const end = clock.now();
    health.finished(HEAD_OFFICE, { ...result, retryAfterMs: parseRetryAfter(result.retryAfter, end) }, end, () => 0);
    const giveUp = row.kind === 'alert' && end - row.created_at >= ALERT_MAX_AGE_MS;
    const state: MessageResult['state'] = result.outcome === 'delivered' ? 'delivered' : result.outcome === 'failed' ? 'failed' : giveUp ? 'dead' : 'retrying';
    outbox.record(row, { state, status: result.status, latencyMs: result.latencyMs, error: result.error }, end);
    if (state === 'delivered') lastDeliveredAt = end;
  }

  return {
    pump,

    /** When the next attempt may go while head office is backed off (null: no timer needed). */
    nextAttemptAt(): number | null {
      if (inFlight || deps.page().url === '' || !health.isBackingOff(HEAD_OFFICE) || !outbox.hasWaiting()) return null;
      return health.state(HEAD_OFFICE).nextProbeAt;
    },

    /** Send heartbeat now: straight to head office (not queued), answered like Send test. */
    async sendNow(page: StoredMonitoring, body: string): Promise<TestResult> {
      const now = clock.now();
      const result = await sender.send(request(page, body, newWebhookId(), now));
      if (result.outcome === 'delivered') {
        // Head office now has the current state, and it answers: what waits for it goes at once.
        outbox.dropWaitingHeartbeat();
        lastDeliveredAt = clock.now();
        health.probeNow(HEAD_OFFICE);
        deps.onRecorded();
        pump();
      }
      return { ok: result.outcome === 'delivered', url: page.url, status: result.status, latencyMs: result.latencyMs, body: result.responseBody, error: result.error };
    },

    /** The manager changed where head office is or how we sign in to it. */
    resetHealth: () => health.reset(HEAD_OFFICE),

    state(page: StoredMonitoring): { state: MonitoringState; lastDeliveredAt: number | null; lastStatus: number | null; lastError: string | null } {
      const s = health.state(HEAD_OFFICE);
      const state: MonitoringState = page.url === '' ? 'off' : s.consecutiveFailures > 0 ? 'backing-off' : s.rejectingSince !== null ? 'rejecting' : 'up';
      return { state, lastDeliveredAt, lastStatus: s.lastStatus, lastError: s.lastError };
    },

    /** Resolves once no attempt is in flight (tests, shutdown). */
    async whenIdle(): Promise<void> {
      while (inFlight) await inFlight;
    },

    /** Lets an attempt in flight finish for up to `graceMs`, then returns it to the queue. */
    async close(graceMs: number) {
      stopping = true;
      if (inFlight) {
        await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
        closed = true;
        outbox.requeueInterrupted(clock.now());
      }
      closed = true;
      sender.close();
    },
  };
}

export type HeadOfficeQueue = ReturnType<typeof createHeadOfficeQueue>;
