// Each hook's endpoint as a whole: while it keeps failing it gets one probe at a time on a
// backoff of its own (no retry storm); the first success ends the outage and the backlog drains.
import { HOOKS, type Hook } from '../../../shared/settings.ts';
import { retryDelayMs } from './retry-policy.ts';

export interface EndpointState {
  consecutiveFailures: number;
  failingSince: number | null;
  nextProbeAt: number;
  lastError: string | null;
  goneAt: number | null;
  inFlight: number;
}

export type HealthChange = { hook: Hook; kind: 'down' | 'recovered' };

export function createEndpointHealth(random: () => number) {
  const fresh = (): EndpointState => ({ consecutiveFailures: 0, failingSince: null, nextProbeAt: 0, lastError: null, goneAt: null, inFlight: 0 });
  const states = Object.fromEntries(HOOKS.map((h) => [h, fresh()])) as Record<Hook, EndpointState>;

  return {
    state: (hook: Hook): Readonly<EndpointState> => states[hook],
    isBackingOff: (hook: Hook) => states[hook].consecutiveFailures > 0,

    /** How many new attempts this endpoint may start now. */
    capacity(hook: Hook, now: number, perEndpoint: number): number {
      const s = states[hook];
      if (s.consecutiveFailures === 0) return Math.max(0, perEndpoint - s.inFlight);
      return s.inFlight === 0 && now >= s.nextProbeAt ? 1 : 0;
    },

    started(hook: Hook) { states[hook].inFlight += 1; },

    /** Returns 'recovered' when this success ended an outage. */
    succeeded(hook: Hook): HealthChange | null {
      const s = states[hook];
      s.inFlight -= 1;
      const wasDown = s.consecutiveFailures > 0;
      Object.assign(s, { consecutiveFailures: 0, failingSince: null, nextProbeAt: 0, lastError: null });
      return wasDown ? { hook, kind: 'recovered' } : null;
    },

    /** A retryable failure: the endpoint backs off; returns 'down' when an outage starts. */
    failed(hook: Hook, now: number, error: string, retryAfterMs: number | null): HealthChange | null {
      const s = states[hook];
      s.inFlight -= 1;
      s.lastError = error;
      // Attempts already in flight when the outage began fail together: only the first of them,
      // and then each probe, moves the backoff on (else a burst of 16 would put the probe an hour out).
      if (s.consecutiveFailures > 0 && now < s.nextProbeAt) {
        if (retryAfterMs !== null) s.nextProbeAt = Math.max(s.nextProbeAt, now + retryDelayMs(1, retryAfterMs, random));
        return null;
      }
      s.consecutiveFailures += 1;
      s.failingSince ??= now;
      s.nextProbeAt = now + retryDelayMs(s.consecutiveFailures, retryAfterMs, random);
      return s.consecutiveFailures === 1 ? { hook, kind: 'down' } : null;
    },

    /** The partner answered, but rejected this one (4xx): the endpoint itself is up. */
    rejected(hook: Hook, now: number, gone: boolean): HealthChange | null {
      const change = this.succeeded(hook);
      if (gone) states[hook].goneAt = now;
      return change;
    },

    /** A manager changed the hook's URL or key, or pressed Retry now: probe at once. */
    reset(hook: Hook, keepOutage = false) {
      const s = states[hook];
      if (keepOutage) s.nextProbeAt = 0;
      else Object.assign(s, { ...fresh(), inFlight: s.inFlight });
    },
  };
}

export type EndpointHealth = ReturnType<typeof createEndpointHealth>;
