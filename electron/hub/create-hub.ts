// The composition root: builds the hub from its parts (data folder, clock, ports) and returns
// its handle with close(). The Electron entry and the headless entry both call it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Hub, HubOptions, DeliveryTuning } from './hub-types.ts';
import { openDatabase } from './db/open-database.ts';
import { writeSeal } from './db/clean-stop-seal.ts';
import { openSettingsStore, plainCodec } from './settings/settings-store.ts';
import { createCheckQueue } from './outbox/check-queue.ts';
import { createEventStore } from './outbox/event-store.ts';
import { createDeliveryStore, type DeliveryStore } from './outbox/delivery-store.ts';
import { createLogQueries, waitingIn } from './outbox/log-queries.ts';
import { createRetention, startRetention } from './outbox/retention.ts';
import { createSender } from './delivery/send-attempt.ts';
import { createEndpointHealth, type EndpointHealth } from './delivery/endpoint-health.ts';
import { createDispatcher, type Dispatcher } from './delivery/dispatcher.ts';
import { createPartnerRegistry, type PartnerRegistry } from './partners/partner-registry.ts';
import { createGroupCommitter } from './ingest/group-commit.ts';
import { createIngestServer } from './ingest/ingest-server.ts';
import { createAdminServer } from './admin/admin-server.ts';
import { createHubService } from './hub-service.ts';
import { createChangeFeed } from './change-feed.ts';
import { createLogger } from './logger.ts';
import { listen, stopServer } from './listen.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { ingestUrlsFor } from './ingest/ingest-urls.ts';
import { USER_AGENT, VERSION } from './version.ts';
import type { HubOperations } from '../../shared/client.ts';
import { createMonitoring, type Monitoring } from './monitoring/monitoring.ts';
import { createOutboxFigures } from './monitoring/outbox-figures.ts';
import { createHubMetrics, type HubMetrics } from './monitoring/hub-metrics.ts';
import { countRefusals, countingDuplicates } from './monitoring/ingest-counting.ts';
import { watchClockJumps, type ClockJumpWatch } from './clock-jumps.ts';
import { createClockShift } from './outbox/clock-shift.ts';

export const DEFAULT_TUNING: DeliveryTuning = { concurrency: 32, perEndpointConcurrency: 16, timeoutMs: 10_000, retentionDays: 30 };
const RETENTION_EVERY_MS = 60_000;
const SHUTDOWN_GRACE_MS = 5_000;
/** A start whose clock is this far behind the outbox's newest record treats it as a jump back. */
const CLOCK_BEHIND_AT_START_MS = 60_000;

/** What tests reach into besides the public handle. */
export interface HubInternals {
  db: Database;
  dispatcher: Dispatcher;
  health: EndpointHealth;
  partners: PartnerRegistry;
  deliveries: DeliveryStore;
  monitoring: Monitoring;
  metrics: HubMetrics;
  pruneOnce(): number;
  now(): number;
  /** Compares the clock with the monotonic one now (null when a test's manual clock is not watched). */
  checkClock: (() => void) | null;
  /** Resolves once the outbox's times are moved for every clock jump so far. */
  clockShifted(): Promise<void>;
}

export type RunningHub = Hub & { internals: HubInternals };

export async function createHub(options: HubOptions): Promise<RunningHub> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const release = lockDataDir(options.dataDir, { nativeBinding: options.nativeBinding });
  try {
    return await assembleHub(options, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function assembleHub(options: HubOptions, release: () => void): Promise<RunningHub> {
  const clock = options.clock ?? { now: () => Date.now() };
  const random = options.random ?? Math.random;
  const tuning = { ...DEFAULT_TUNING, ...options.delivery };
  const logger = createLogger(options.logLevel, options.logDestination);

  const settings = openSettingsStore(options.dataDir, {
    codec: options.secretCodec ?? plainCodec,
    presets: { posToken: options.posToken, adminToken: options.adminToken },
    onRepair: (repair) => logger.warn({ file: 'config.json' }, `config.json: ${repair}`),
  });
  const dbFile = path.join(options.dataDir, 'hub.db');
  const db = openDatabase(dbFile, { nativeBinding: options.nativeBinding });
  const checks = createCheckQueue(db);
  const deliveries = createDeliveryStore(db, checks);
  const partners = createPartnerRegistry(db, settings, clock.now(), (orphan) => {
    const cancelled = deliveries.cancelPartner(orphan, clock.now());
    logger.warn({ partner: orphan, cancelled }, 'a partner missing from config.json still had deliveries waiting; they were cancelled (kept in the log)');
  });
  const log = createLogQueries(db, checks, partners.nameOf);
  const prune = createRetention(db);
  const interrupted = deliveries.requeueInterrupted(clock.now());
  if (interrupted > 0) logger.info({ interrupted }, 'returned attempts cut short by the last stop to the queue');

  const changes = createChangeFeed();
  const health = createEndpointHealth(random);
  const sender = createSender({ timeoutMs: tuning.timeoutMs, userAgent: USER_AGENT, maxSockets: tuning.perEndpointConcurrency });
  const testSender = createSender({ timeoutMs: tuning.timeoutMs, userAgent: USER_AGENT, maxSockets: 2 });
  // Head office (contract §8): its own outbox, sender and endpoint health; figures from the stats.
  let service: HubOperations | null = null;
  const stats = () => service!.getStats();
  const figures = createOutboxFigures(db);
  const monitoring = createMonitoring({
    db, settings, clock, random, version: VERSION, stats, oldestWaitingAt: figures.oldestWaitingAt, retentionDays: tuning.retentionDays,
    sender: createSender({ timeoutMs: tuning.timeoutMs, userAgent: USER_AGENT, maxSockets: 2 }),
    onError: (error) => logger.error({ err: error }, 'monitoring: sending to head office failed'),
  });
  const metrics = createHubMetrics({
    figures, endpoints: async () => (await stats()).endpoints, partners: partners.list, now: clock.now,
    hub: { id: settings.hubId, version: VERSION, storeName: () => settings.monitoring().storeName },
  });
  const waitingOf = (endpoint: { partnerId: string; hook: string }) => waitingIn(log.countRows(), endpoint);
  const clockShift = createClockShift(deliveries);
  const dispatcher = createDispatcher({
    store: deliveries, sender, health, partners, waiting: waitingOf, clock, random, tuning, clockShifting: clockShift.busy,
    onRecorded: (count) => {
      changes.add(count);
      monitoring.recorded();
    },
    onHealthChange: (change) => {
      const state = health.state(change);
      const where = { partner: partners.nameOf(change.partnerId), hook: change.hook };
      if (change.kind === 'down') logger.warn({ ...where, error: state.lastError }, 'endpoint is failing; backing off');
      else if (change.kind === 'recovered') logger.info(where, 'endpoint recovered; draining its backlog');
      else logger.warn({ ...where, error: state.lastError }, change.kind === 'gone' ? 'partner answered 410 Gone: it asked us to stop' : 'partner is rejecting webhooks');
      changes.add(1);
      monitoring.healthChanged();
    },
    onAttempt: (endpoint, result, latencyMs) => {
      metrics.observeAttempt(endpoint, latencyMs);
      monitoring.attemptFinished(endpoint, result.outcome);
    },
    onError: (error) => logger.error({ err: error }, 'dispatcher error'),
  });
  const committer = createGroupCommitter({
    db, events: createEventStore(db, checks), partners: partners.list, now: () => clock.now(),
    onCommitted: (queued) => { changes.add(queued); dispatcher.queued(); },
  });

  const ingest = createIngestServer({ committer: countingDuplicates(committer, metrics), posToken: () => settings.posToken, version: VERSION, logger });
  countRefusals(ingest, metrics);
  const ingestHost = options.ingestHost ?? '0.0.0.0';
  // A port already in use must not leave the outbox open behind a failed start.
  const abandon = (error: unknown) => {
    ingest.close();
    sender.close();
    testSender.close();
    void monitoring.close(0);
    db.close();
    throw error;
  };
  const ingestPort = await listen(ingest, options.ingestPort ?? 8787, ingestHost).catch(abandon);
  service = createHubService({
    settings, partners, deliveries, log, dispatcher, health, testSender, monitoring, clock, version: VERSION,
    ingestUrls: () => ingestUrlsFor(ingestHost, ingestPort), ingestHost, notify: changes.add,
  });

  let adminPort: number | null = null;
  const admin = options.adminPort === null ? null : createAdminServer({
    service, adminToken: settings.adminToken, rendererDir: options.rendererDir, onChange: changes.subscribe, logger, port: () => adminPort ?? 0,
    metrics: { render: metrics.render, contentType: metrics.contentType, token: options.metricsToken },
  });
  if (admin) adminPort = await listen(admin, options.adminPort ?? 8788, '127.0.0.1').catch(abandon);

  const pruneOnce = () => prune(clock.now(), tuning.retentionDays);
  const stopRetention = startRetention(pruneOnce, RETENTION_EVERY_MS, (error) => logger.error({ err: error }, 'retention: pruning failed'));
  dispatcher.wake();
  void monitoring.start();
  const clockWatch = watchTheClock();

  /**
   * The clock jumped while the hub ran: the outbox, the dispatcher and head office's schedule move
   * with it. A clock already behind the outbox's newest record at start (set back while the hub
   * was stopped, or a flat CMOS battery) counts as a jump back to now, so nothing waits for the
   * clock to catch up.
   */
  function watchTheClock(): ClockJumpWatch | null {
    if (options.clock && !options.monotonic) return null; // a test's manual clock jumps on purpose
    const behindMs = deliveries.newestRecordedAt() - clock.now();
    if (behindMs > CLOCK_BEHIND_AT_START_MS) movedByJump(-behindMs, 'the computer clock is behind the outbox\'s newest record (set back while the hub was stopped, or a flat clock battery?); waiting deliveries keep their schedule from now');
    return watchClockJumps({
      now: () => clock.now(), monotonic: options.monotonic ?? (() => performance.now()),
      onJump: (deltaMs) => movedByJump(deltaMs, deltaMs < 0
        ? 'the computer clock went back; retry times and ages of waiting deliveries moved back with it'
        : 'the computer clock jumped forward (a time correction or a sleep); ages of waiting deliveries do not count the jump'),
    });
  }

  function movedByJump(deltaMs: number, message: string) {
    const shifted = clockShift.jumped(deltaMs);
    dispatcher.clockJumped(deltaMs);
    monitoring.clockJumped(deltaMs);
    shifted.then(
      (moved) => logger.warn({ jumpMs: deltaMs, moved }, message),
      (error: unknown) => logger.error({ err: error, jumpMs: deltaMs }, 'the computer clock jumped and the outbox could not be adjusted'),
    ).finally(() => dispatcher.wake());
  }

  const loopbackHost = ingestHost === '0.0.0.0' || ingestHost === '::' ? '127.0.0.1' : ingestHost;
  let closing: Promise<void> | null = null;
  async function close() {
    stopRetention();
    clockWatch?.stop();
    await stopServer(ingest, SHUTDOWN_GRACE_MS); // requests already inside get their commit and 202
    committer.close();
    if (admin) await stopServer(admin, 100);
    await dispatcher.close(SHUTDOWN_GRACE_MS);
    await monitoring.close(SHUTDOWN_GRACE_MS);
    testSender.close();
    changes.close();
    db.close();
    writeSeal(dbFile);
    release();
    logger.info('hub stopped');
  }

  return {
    service,
    onChange: changes.subscribe,
    ingestUrl: `http://${loopbackHost}:${ingestPort}/v1/events`,
    adminUrl: adminPort === null ? null : `http://127.0.0.1:${adminPort}/?token=${settings.adminToken}`,
    get posToken() { return settings.posToken; },
    adminToken: settings.adminToken,
    version: VERSION,
    close: () => (closing ??= close()),
    internals: { db, dispatcher, health, partners, deliveries, monitoring, metrics, pruneOnce, now: () => clock.now(), checkClock: clockWatch?.check ?? null, clockShifted: clockShift.idle },
  };
}
