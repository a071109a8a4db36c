// Fleet health for head office (contract §8): a heartbeat on save and then every interval, the
// partner alerts at the moments the desktop notifications fire, both through head office's own
// outbox. One timer wakes it for the next heartbeat, the next probe of a backed-off head office,
// or the moment a failing partner has failed for a minute; the dispatcher's health changes and
// attempts wake it too (healthChanged, attemptFinished, recorded). Built by the composition root;
// tests drive it with tick().
import type { EndpointHealth as EndpointView, Stats, TestResult } from '../../../shared/api.ts';
import type { MonitoringStatus, StoredMonitoring } from '../../../shared/monitoring.ts';
import type { Clock } from '../hub-types.ts';
import type { Database } from 'better-sqlite3';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { Sender } from '../delivery/send-attempt.ts';
import { createEndpointHealth, type Endpoint } from '../delivery/endpoint-health.ts';
import { createMonitoringOutbox } from './monitoring-outbox.ts';
import { createHeadOfficeQueue } from './head-office-queue.ts';
import { endpointAlertKey, endpointTransitions, nextAnnouncementAt, type Announced } from './endpoint-alerts.ts';
import { alertOf, heartbeatOf } from './head-office-payloads.ts';
import { targetChanged } from './monitoring-page.ts';

const MAX_SLEEP_MS = 30_000;
/**
 * A partner's health changes inside the dispatcher's attempt, before the attempt is written: the
 * look waits for the write (recorded()), so an alert carries the written figures (what still
 * waits). This is the fallback should no write follow.
 */
const LOOK_AT_THE_LATEST_MS = 250;
/** The outbox's sent messages are pruned this often. */
const PRUNE_EVERY_MS = 3_600_000;

export interface MonitoringDeps {
  db: Database;
  settings: Pick<SettingsStore, 'monitoring' | 'hubId'>;
  sender: Sender;
  clock: Clock;
  random: () => number;
  version: string;
  /** The stats `/api/stats` answers with. */
  stats: () => Promise<Stats>;
  oldestWaitingAt: () => number | null;
  retentionDays: number;
  onError: (error: unknown) => void;
}

export function createMonitoring(deps: MonitoringDeps) {
  const { clock, settings } = deps;
  const startedAt = clock.now();
  const outbox = createMonitoringOutbox(deps.db);
  const health = createEndpointHealth(deps.random);
  const queue = createHeadOfficeQueue({
    outbox, page: settings.monitoring, sender: deps.sender, health, clock,
    onRecorded: () => schedule(), onError: deps.onError,
  });
  let announced = outbox.announced();
  let nextHeartbeatAt: number | null = null;
  let nextEvaluationAt: number | null = null;
  let lastPrune = -Infinity;
  let timer: NodeJS.Timeout | null = null;
  let soon: NodeJS.Timeout | null = null;
  let lookAfterWrite = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  /** What the next turn must do beyond what is due: a heartbeat now (a save), a look at the partners' health. */
  let wanted: { heartbeat: boolean; look: boolean } | null = null;

  const isOn = () => settings.monitoring().url !== '';
  const identity = () => ({ hubId: settings.hubId, storeName: settings.monitoring().storeName, version: deps.version, startedAt });

  function queueHeartbeat(stats: Stats) {
    const now = clock.now();
    outbox.putHeartbeat(JSON.stringify(heartbeatOf(stats, identity(), deps.oldestWaitingAt(), now)), now);
    nextHeartbeatAt = now + settings.monitoring().intervalSeconds * 1000;
  }

  /** Announces what the partners' health calls for, and keeps what was announced with the alerts. */
  function announce(endpoints: readonly EndpointView[]) {
    const now = clock.now();
    const result = endpointTransitions(announced, endpoints, now, { recoveryNeedsAnswer: true });
    if (result.transitions.length > 0 || !sameState(result.state, announced)) {
      const alerts = result.transitions.map((t) => alertOf(t, identity(), now)).map((alert) => ({ type: alert.type, body: JSON.stringify(alert) }));
      outbox.putAlerts(alerts, result.state, now);
    }
    announced = result.state;
    nextEvaluationAt = nextAnnouncementAt(announced, endpoints);
  }

  /**
   * One turn: the heartbeat if due (or asked for), the alerts if something could be news, then the
   * queue. The stats are read only then: a turn that only sends costs no look into the outbox.
   */
  async function turn({ heartbeat: heartbeatWanted, look: lookWanted }: { heartbeat: boolean; look: boolean }) {
    const now = clock.now();
    if (!isOn()) {
      nextHeartbeatAt = null;
      nextEvaluationAt = null;
      return;
    }
    if (now - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now;
      outbox.prune(now, deps.retentionDays);
    }
    const heartbeatDue = heartbeatWanted || nextHeartbeatAt === null || now >= nextHeartbeatAt;
    if (heartbeatDue || lookWanted || (nextEvaluationAt !== null && now >= nextEvaluationAt)) {
      const stats = await deps.stats();
      if (stopped) return;
      if (heartbeatDue) queueHeartbeat(stats);
      announce(stats.endpoints);
    }
    queue.pump();
  }

  /** Turns never overlap: asked for while one runs, another follows it (requests coalesce). */
  function run(asked: { heartbeat?: boolean; look?: boolean } = {}): Promise<void> {
    wanted = { heartbeat: (wanted?.heartbeat ?? false) || asked.heartbeat === true, look: (wanted?.look ?? false) || asked.look === true };
    running ??= (async () => {
      while (wanted && !stopped) {
        const next = wanted;
        wanted = null;
        try {
          await turn(next);
        } catch (error) {
          deps.onError(error);
        }
      }
    })().finally(() => {
      running = null;
      schedule();
    });
    return running;
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || !isOn()) return;
    const now = clock.now();
    const times = [nextHeartbeatAt, nextEvaluationAt, queue.nextAttemptAt()].filter((t): t is number => t !== null);
    const earliest = times.length === 0 ? now + MAX_SLEEP_MS : Math.min(...times);
    timer = setTimeout(() => { timer = null; void run(); }, Math.min(MAX_SLEEP_MS, Math.max(1, earliest - now)));
    timer.unref?.();
  }

  function lookSoon() {
    if (stopped || !isOn()) return;
    lookAfterWrite = true;
    soon ??= setTimeout(look, LOOK_AT_THE_LATEST_MS);
    soon.unref?.();
  }

  function look() {
    if (soon) clearTimeout(soon);
    soon = null;
    lookAfterWrite = false;
    void run({ look: true });
  }

  function status(page: StoredMonitoring): MonitoringStatus {
    const head = queue.state(page);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      state: head.state, lastDeliveredAt: iso(head.lastDeliveredAt), lastStatus: head.lastStatus, lastError: head.lastError,
      waiting: outbox.waiting(), nextHeartbeatAt: page.url === '' ? null : iso(nextHeartbeatAt),
    };
  }

  return {
    /** At start: a heartbeat at once (head office sees the restart in `startedAt`), then every interval. */
    start: () => run({ heartbeat: true }),

    /**
     * The Monitoring page was saved (`heartbeat`) or its secret rotated. Off cancels what waits for
     * head office and forgets what it was told; a new URL or key starts its health afresh.
     */
    async saved(before: StoredMonitoring, after: StoredMonitoring, options: { heartbeat: boolean }) {
      if (after.url === '') {
        outbox.cancelAll(clock.now());
        announced = new Map();
        queue.resetHealth();
        nextHeartbeatAt = null;
        nextEvaluationAt = null;
        schedule();
        return;
      }
      if (targetChanged(before, after)) queue.resetHealth();
      if (options.heartbeat) await run({ heartbeat: true });
      else queue.pump();
    },

    /** A partner endpoint's health changed (down, rejecting, gone, recovered): maybe news for head office. */
    healthChanged: lookSoon,

    /** The computer's clock jumped (clock-jumps.ts): after a jump back, the next heartbeat is still one interval away, not that plus the jump. */
    clockJumped(deltaMs: number) {
      if (deltaMs < 0) {
        const moved = (time: number | null) => (time === null ? null : time + deltaMs);
        nextHeartbeatAt = moved(nextHeartbeatAt);
        nextEvaluationAt = moved(nextEvaluationAt);
        lastPrune += deltaMs;
        health.clockWentBack(deltaMs);
      }
      schedule();
    },

    /** A partner attempt finished: a delivered one is news only for an endpoint head office was told is in trouble. */
    attemptFinished(endpoint: Endpoint, outcome: 'delivered' | 'retry' | 'failed') {
      if (outcome === 'delivered' && announced.has(endpointAlertKey(endpoint))) lookSoon();
    },

    /** The dispatcher wrote finished attempts: the look a health change asked for goes now. */
    recorded() {
      if (lookAfterWrite) look();
    },

    async sendNow(): Promise<TestResult> {
      const page = settings.monitoring();
      const stats = await deps.stats();
      const body = JSON.stringify(heartbeatOf(stats, identity(), deps.oldestWaitingAt(), clock.now()));
      return queue.sendNow(page, body);
    },

    status: () => status(settings.monitoring()),

    /** Runs a turn now, looking at the partners' health (tests drive a manual clock with it), and waits for what it sent. */
    async tick() {
      await run({ look: true });
      await queue.whenIdle();
      while (running) await running;
    },

    async close(graceMs: number) {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (soon) clearTimeout(soon);
      timer = null;
      soon = null;
      await running;
      await queue.close(graceMs);
    },
  };
}

function sameState(a: ReadonlyMap<string, Announced>, b: ReadonlyMap<string, Announced>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

export type Monitoring = ReturnType<typeof createMonitoring>;
