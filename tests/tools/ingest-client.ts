// One POST to the hub's ingest API, retried the way a POS must to lose nothing: on network errors,
// timeouts, 408, 429 and 5xx (honouring Retry-After). Safe because the hub dedupes on eventId.
import { ingestResultSchema } from '../../shared/event.ts';

export type IngestOutcome =
  | { ok: true; status: number; attempts: number; accepted: number; duplicates: number }
  | { ok: false; status: number | null; attempts: number; error: string };

export interface RetryOptions {
  maxRetries: number;
  timeoutMs: number;
  /** performance.now() after which no retry starts. */
  deadline: number;
  signal?: AbortSignal;
  log: (line: string) => void;
}

const MAX_WAIT_MS = 60_000;

/** Retry-After as ms (delta seconds or an HTTP date), capped; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.min(MAX_WAIT_MS, Math.max(0, ms));
}

function backoffMs(attempt: number): number {
  return Math.min(5_000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    if (parsed.error) return `${String(parsed.error.code)}: ${String(parsed.error.message)}`;
  } catch {
    // Not the hub's error document; show the start of whatever came back.
  }
  return body.slice(0, 200) || '(empty body)';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Resolves after `ms`, or at once when the signal aborts (a stopped run must not linger). */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function postWithRetry(url: string, token: string, body: unknown, options: RetryOptions): Promise<IngestOutcome> {
  const payload = JSON.stringify(body);
  let attempts = 0;
  for (;;) {
    attempts += 1;
    let status: number | null = null;
    let error: string;
    let waitMs: number | undefined;
    try {
      const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: payload,
        signal: AbortSignal.any(signals),
      });
      status = response.status;
      const text = await response.text();
      // The hub answers 202; any 2xx carrying the ingest result counts as committed.
      if (status >= 200 && status < 300) {
        const result = ingestResultSchema.safeParse(parseJson(text));
        if (result.success) return { ok: true, status, attempts, ...result.data };
        return { ok: false, status, attempts, error: `unexpected 202 body: ${text.slice(0, 200)}` };
      }
      error = `${status} ${errorText(text)}`;
      const retryable = status === 408 || status === 429 || status >= 500;
      if (!retryable) return { ok: false, status, attempts, error };
      waitMs = retryAfterMs(response.headers.get('retry-after'));
    } catch (caught) {
      error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    }
    if (options.signal?.aborted) return { ok: false, status, attempts, error: `stopped (${error})` };
    if (attempts > options.maxRetries) return { ok: false, status, attempts, error: `gave up after ${attempts} attempts (${error})` };
    const delay = waitMs ?? backoffMs(attempts - 1);
    if (performance.now() + delay >= options.deadline) return { ok: false, status, attempts, error: `duration over (${error})` };
    options.log(`${status ?? 'ERR'}  ${error}; retrying in ${(delay / 1000).toFixed(1)} s`);
    await wait(delay, options.signal);
  }
}
