// Coalesces "deliveries changed" notices so the live log refreshes at most a few times a second,
// however fast the dispatcher runs.
import type { HubChange } from '../../shared/api.ts';

export function createChangeFeed(intervalMs = 250) {
  const listeners = new Set<(change: HubChange) => void>();
  let pending = 0;
  let timer: NodeJS.Timeout | null = null;

  function emit() {
    timer = null;
    const change = { changed: pending, at: new Date().toISOString() };
    pending = 0;
    for (const listener of listeners) listener(change);
  }

  return {
    add(changed: number) {
      pending += changed;
      if (!timer) timer = setTimeout(emit, intervalMs);
    },
    subscribe(listener: (change: HubChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}
