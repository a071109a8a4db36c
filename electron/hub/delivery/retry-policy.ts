// When to try again: a pure function of the attempt number, Retry-After, now and randomness, so
// tests need no timers (contract §4: first retry within seconds, capped at one hour).

export const BASE_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 60 * 60 * 1000;

/**
 * Delay before attempt `failures + 1`, after `failures` consecutive failures (1-based).
 * Exponential (2 s, 4 s, 8 s, …) with "full jitter" over the upper half so a burst of failures
 * spreads out instead of retrying in lockstep; a partner's Retry-After wins when it asks for longer.
 */
export function retryDelayMs(failures: number, retryAfterMs: number | null, random: () => number): number {
  const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  if (retryAfterMs === null) return jittered;
  return Math.min(MAX_DELAY_MS, Math.max(jittered, retryAfterMs));
}

/** `Retry-After` as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
