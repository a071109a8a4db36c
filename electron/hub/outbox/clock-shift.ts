// After a jump of the computer's clock (clock-jumps.ts), moves the outbox's schedule with it: a
// range of deliveries per transaction and a turn of the event loop between ranges, so a backlog of
// a million never holds the POS's requests up. Jumps are moved one after another, each over the
// deliveries that existed when it happened (later ones were written by the corrected clock).
export const SHIFT_RANGE = 10_000;

export interface ClockShift {
  /** Starts moving the deliveries for a jump of `deltaMs`; resolves with how many moved. */
  jumped(deltaMs: number): Promise<number>;
  /** Some jump is still being moved: the dispatcher gives nothing up and claims nothing meanwhile. */
  busy(): boolean;
  /** Resolves once every jump so far is moved. */
  idle(): Promise<void>;
}

/** What the shift needs of the delivery store. */
export interface ShiftableStore {
  idsToShift(): { from: number; to: number };
  shiftForClockJump(deltaMs: number, from: number, to: number): number;
}

export function createClockShift(store: ShiftableStore): ClockShift {
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;

  async function shift(deltaMs: number, ids: { from: number; to: number }): Promise<number> {
    let moved = 0;
    for (let from = ids.from; from < ids.to; from += SHIFT_RANGE) {
      moved += store.shiftForClockJump(deltaMs, from, Math.min(ids.to, from + SHIFT_RANGE));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return moved;
  }

  return {
    jumped(deltaMs) {
      const ids = store.idsToShift();
      pending += 1;
      const done = queue.then(() => shift(deltaMs, ids)).finally(() => { pending -= 1; });
      queue = done.catch(() => undefined);
      return done;
    },
    busy: () => pending > 0,
    idle: () => queue.then(() => undefined),
  };
}
