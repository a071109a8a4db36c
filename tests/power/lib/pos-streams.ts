// Several POS connections streaming batches of check events at a hub that the power keeps
// failing under: each batch is recorded with the answer it got (or the network error a cut
// caused), so a test can hold every 202 to account. Sending pauses while the hub is down.
import type { PosEvent } from '../../../shared/event.ts';
import { seededRandom } from '../../support/events.ts';
import { storeEvents } from '../../tools/store-stream.ts';
import { postBatch, type Batch, type IngestTarget } from '../../support/post-batch.ts';

export type { Batch, IngestTarget };

export interface PosStreams {
  readonly batches: Batch[];
  /** Every event sent, by id (to send a batch again). */
  readonly sent: Map<string, PosEvent>;
  acknowledged(): number;
  /** Stop starting new requests; resolves once the ones in flight have their answer or error. */
  pause(): Promise<void>;
  resume(target: IngestTarget): void;
  /** Stops for good (after the requests in flight). */
  stop(): Promise<void>;
}

export interface StreamOptions {
  connections: number;
  /** Events per batch: 1 for a third of the batches, else up to this many. */
  maxBatch: number;
  /** Each connection waits up to this long between two batches (a store, not a load test). */
  maxPauseMs: number;
  seed: number;
  runId: string;
  target: IngestTarget;
}

export function startPosStreams(options: StreamOptions): PosStreams {
  const random = seededRandom(options.seed);
  const stream = storeEvents({ runId: options.runId, seed: options.seed, staggerMs: 500, gapMs: 400, oloShare: 0.3 });
  const batches: Batch[] = [];
  const sent = new Map<string, PosEvent>();
  let target = options.target;
  let paused = false;
  let stopped = false;
  let inFlight = 0;
  const idle: (() => void)[] = [];
  const settle = () => { if (inFlight === 0) idle.splice(0).forEach((wake) => wake()); };
  const untilIdle = () => new Promise<void>((resolve) => { idle.push(resolve); settle(); });

  async function connection(): Promise<void> {
    while (!stopped) {
      if (paused) { await new Promise((resolve) => setTimeout(resolve, 10)); continue; }
      const size = random() < 0.3 ? 1 : 1 + Math.floor(random() * options.maxBatch);
      const events = Array.from({ length: size }, () => stream.next().value as PosEvent);
      for (const event of events) sent.set(event.eventId, event);
      inFlight += 1;
      // A POS that lost its answer would send again; here it moves on, so a batch a cut left
      // unanswered stays as it was and the all-or-nothing check sees it. It is resent at the end.
      const status = await postBatch(target, events);
      inFlight -= 1;
      batches.push({ ids: events.map((e) => e.eventId), status });
      settle();
      await new Promise((resolve) => setTimeout(resolve, random() * options.maxPauseMs));
    }
  }
  const running = Array.from({ length: options.connections }, () => connection());

  return {
    batches,
    sent,
    acknowledged: () => batches.filter((b) => b.status === 202).length,
    pause() {
      paused = true;
      return untilIdle();
    },
    resume(next) {
      target = next;
      paused = false;
    },
    async stop() {
      stopped = true;
      await Promise.all(running);
    },
  };
}
