// The computer's clock can jump while the hub runs: NTP (or a manager) corrects a clock that was
// wrong, a PC whose CMOS battery is flat boots in the past and is set right minutes later, a PC
// wakes from sleep. The outbox schedules by the clock (retry times, the give-up age), so a jump
// would move them: a clock set back an hour holds every retry and new delivery for that hour, one
// set forward three days gives up orders that waited minutes. Each second the clock's advance is
// compared with the monotonic clock's (which never jumps, and stands still during sleep); a
// difference beyond the threshold is a jump, and the hub moves its schedule with it.

export const CLOCK_JUMP_THRESHOLD_MS = 2_000;
const CHECK_EVERY_MS = 1_000;

export interface ClockJumpWatch {
  /** Compares the clocks now (the timer does it every second). */
  check(): void;
  stop(): void;
}

export function watchClockJumps(deps: {
  now: () => number;
  monotonic: () => number;
  onJump: (deltaMs: number) => void;
  thresholdMs?: number;
}): ClockJumpWatch {
  const threshold = deps.thresholdMs ?? CLOCK_JUMP_THRESHOLD_MS;
  let lastWall = deps.now();
  let lastMonotonic = deps.monotonic();

  function check() {
    const wall = deps.now();
    const monotonic = deps.monotonic();
    const delta = wall - lastWall - (monotonic - lastMonotonic);
    lastWall = wall;
    lastMonotonic = monotonic;
    if (Math.abs(delta) >= threshold) deps.onJump(Math.round(delta));
  }

  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref?.();
  return { check, stop: () => clearInterval(timer) };
}
