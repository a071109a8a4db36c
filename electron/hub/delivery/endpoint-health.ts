// Each endpoint (one partner's hook) as a whole: while it keeps failing it gets one probe at a time
// on a backoff of its own (no retry storm); the first success ends the outage and the backlog
// drains. Rejections (the partner answers, but refuses: 401, 403, 400 …) are tracked too, since a
// partner refusing every order is as serious as one that is down. In memory: a restart starts fresh.
import type { Hook } from '../../../shared/settings.ts';
import { retryDelayMs } from './retry-policy.ts';

export interface Endpoint {
  partnerId: string;
  hook: Hook;
}

export const endpointKey = (endpoint: Endpoint) => `${endpoint.partnerId}/${endpoint.hook}`;

export interface EndpointState {
  consecutiveFailures: number;
  failingSince: number | null;
  nextProbeAt: number;
  lastError: string | null;
  lastStatus: number | null;
  /** The partner answered but refused the last webhooks (4xx): since when, until a success. */
  rejectingSince: number | null;
  goneAt: number | null;
  inFlight: number;
  /** The last outage's end and how its backlog drained since. */
  recovery: { at: number; total: number; sent: number } | null;
}

export type HealthChangeKind = 'down' | 'recovered' | 'rejecting' | 'gone';
export type HealthChange = Endpoint & { kind: HealthChangeKind };

export interface AttemptOutcome {
  outcome: 'delivered' | 'retry' | 'failed';
  status: number | null;
  error: string | null;
  retryAfterMs: number | null;
}

export function createEndpointHealth(random: () => number) {
  const fresh = (): EndpointState => ({
    consecutiveFailures: 0, failingSince: null, nextProbeAt: 0, lastError: null, lastStatus: null, rejectingSince: null, goneAt: null, inFlight: 0, recovery: null,
  });
  const states = new Map<string, EndpointState>();
  const stateOf = (endpoint: Endpoint): EndpointState => {
    const key = endpointKey(endpoint);
    let state = states.get(key);
    if (!state) states.set(key, (state = fresh()));
    return state;
  };

  function succeeded(s: EndpointState, now: number, waiting: () => number): HealthChangeKind | null {
    const wasDown = s.consecutiveFailures > 0;
    Object.assign(s, { consecutiveFailures: 0, failingSince: null, nextProbeAt: 0, lastError: null });
    if (wasDown) s.recovery = { at: now, total: waiting(), sent: 0 };
    return wasDown ? 'recovered' : null;
  }

  function failed(s: EndpointState, now: number, error: string, retryAfterMs: number | null): HealthChangeKind | null {
    s.lastError = error;
    // Attempts already in flight when the outage began fail together: only the first of them,
    // and then each probe, moves the backoff on (else a burst of 16 would put the probe an hour out).
    if (s.consecutiveFailures > 0 && now < s.nextProbeAt) {
      if (retryAfterMs !== null) s.nextProbeAt = Math.max(s.nextProbeAt, now + retryDelayMs(1, retryAfterMs, random));
      return null;
    }
    s.consecutiveFailures += 1;
    s.failingSince ??= now;
    s.recovery = null;
    s.nextProbeAt = now + retryDelayMs(s.consecutiveFailures, retryAfterMs, random);
    return s.consecutiveFailures === 1 ? 'down' : null;
  }

  return {
    state: (endpoint: Endpoint): Readonly<EndpointState> => stateOf(endpoint),
    isBackingOff: (endpoint: Endpoint) => stateOf(endpoint).consecutiveFailures > 0,

    /** How many new attempts this endpoint may start now. */
    capacity(endpoint: Endpoint, now: number, perEndpoint: number): number {
      const s = stateOf(endpoint);
      if (s.consecutiveFailures === 0) return Math.max(0, perEndpoint - s.inFlight);
      return s.inFlight === 0 && now >= s.nextProbeAt ? 1 : 0;
    },

    started(endpoint: Endpoint) { stateOf(endpoint).inFlight += 1; },

    /**
     * One attempt's answer. `waiting` tells the endpoint's backlog (read only when an outage ends).
     * Returns what changed for the manager: an outage began or ended, rejections began, 410 Gone.
     */
    finished(endpoint: Endpoint, result: AttemptOutcome, now: number, waiting: () => number): HealthChangeKind | null {
      const s = stateOf(endpoint);
      s.inFlight = Math.max(0, s.inFlight - 1);
      s.lastStatus = result.status;
      if (result.outcome === 'retry') return failed(s, now, result.error ?? 'failed', result.retryAfterMs);
      const recovered = succeeded(s, now, waiting);
      if (result.outcome === 'delivered') {
        s.rejectingSince = null;
        s.goneAt = null;
        if (s.recovery) s.recovery.sent += 1;
        return recovered;
      }
      s.lastError = result.error;
      const wasRejecting = s.rejectingSince !== null;
      s.rejectingSince ??= now;
      if (result.status === 410 && s.goneAt === null) {
        s.goneAt = now;
        return 'gone';
      }
      return recovered ?? (wasRejecting ? null : 'rejecting');
    },

    /** Check now / Retry now: the next probe goes at once; the outage itself stays until a success. */
    probeNow(endpoint: Endpoint) {
      stateOf(endpoint).nextProbeAt = 0;
    },

    /** The manager changed the endpoint's URL or key: what it did before says nothing any more. */
    reset(endpoint: Endpoint) {
      const s = stateOf(endpoint);
      states.set(endpointKey(endpoint), { ...fresh(), inFlight: s.inFlight });
    },

    /**
     * The computer's clock went back by `-deltaMs` (clock-jumps.ts): every time kept here moves
     * with it, so a probe planned in 30 s still goes in 30 s and "failing since" names the same moment.
     */
    clockWentBack(deltaMs: number) {
      const moved = (time: number | null) => (time === null ? null : time + deltaMs);
      for (const s of states.values()) {
        Object.assign(s, { nextProbeAt: s.nextProbeAt === 0 ? 0 : s.nextProbeAt + deltaMs, failingSince: moved(s.failingSince), rejectingSince: moved(s.rejectingSince), goneAt: moved(s.goneAt) });
        if (s.recovery) s.recovery.at += deltaMs;
      }
    },

    /** A removed partner's endpoints are forgotten. */
    forget(partnerId: string) {
      for (const key of [...states.keys()]) if (key.startsWith(`${partnerId}/`)) states.delete(key);
    },
  };
}

export type EndpointHealth = ReturnType<typeof createEndpointHealth>;
