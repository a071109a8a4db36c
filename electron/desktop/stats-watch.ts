// One shared view of the hub's stats for the tray and the notifications: refreshed when the hub
// reports changes (at most once per `minIntervalMs`, however busy the POS is) and on a slow poll,
// since an endpoint can change health without a delivery changing.
import type { Stats } from '../../shared/api.ts';
import type { Hub } from '../hub/hub-types.ts';

export interface StatsWatch {
  current(): Stats | null;
  /** Called with every fresh snapshot; returns the unsubscribe function. */
  subscribe(listener: (stats: Stats) => void): () => void;
  /** Asks for a refresh now (still throttled). */
  refresh(): void;
  stop(): void;
}

export interface StatsWatchOptions {
  minIntervalMs?: number;
  pollMs?: number;
  onError?(error: unknown): void;
  now?(): number;
  setTimer?(fn: () => void, ms: number): () => void;
}

const defaultTimer = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

export function watchStats(hub: Pick<Hub, 'service' | 'onChange'>, options: StatsWatchOptions = {}): StatsWatch {
  const { minIntervalMs = 2_000, pollMs = 30_000, onError, now = Date.now, setTimer = defaultTimer } = options;
  const listeners = new Set<(stats: Stats) => void>();
  let latest: Stats | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let inFlight = false;
  let wanted = false;
  let cancelScheduled: (() => void) | null = null;
  let cancelPoll: (() => void) | null = null;
  let stopped = false;

  async function load() {
    inFlight = true;
    wanted = false;
    lastStart = now();
    try {
      latest = await hub.service.getStats();
      for (const listener of listeners) listener(latest);
    } catch (error) {
      onError?.(error);
    } finally {
      inFlight = false;
      if (wanted) refresh();
    }
  }

  function refresh() {
    if (stopped) return;
    if (inFlight) {
      wanted = true;
      return;
    }
    if (cancelScheduled) return;
    const wait = lastStart + minIntervalMs - now();
    if (wait <= 0) {
      void load();
      return;
    }
    cancelScheduled = setTimer(() => {
      cancelScheduled = null;
      refresh();
    }, wait);
  }

  function poll() {
    cancelPoll = setTimer(() => {
      refresh();
      poll();
    }, pollMs);
  }

  const unsubscribe = hub.onChange(() => refresh());
  refresh();
  poll();

  return {
    current: () => latest,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    stop() {
      stopped = true;
      unsubscribe();
      cancelScheduled?.();
      cancelPoll?.();
      listeners.clear();
    },
  };
}
