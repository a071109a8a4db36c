// Every admin operation (contract §6) over the outbox, settings and dispatcher. The admin HTTP
// API and Electron's IPC both delegate here, so they cannot drift apart.
import { HubError, type HubOperations } from '../../shared/client.ts';
import { settingsInputSchema, HOOKS, type Hook } from '../../shared/settings.ts';
import { bulkResendSchema, deliveryQuerySchema } from '../../shared/delivery.ts';
import { zodDetails } from '../../shared/errors.ts';
import { EVENT_SOURCES } from '../../shared/event.ts';
import { maskSecret } from '../../shared/mask.ts';
import type { EndpointHealth as HealthView } from '../../shared/api.ts';
import type { Clock } from './hub-types.ts';
import type { SettingsStore } from './settings/settings-store.ts';
import type { DeliveryStore } from './outbox/delivery-store.ts';
import type { LogQueries } from './outbox/log-queries.ts';
import type { Dispatcher } from './delivery/dispatcher.ts';
import type { EndpointHealth } from './delivery/endpoint-health.ts';
import type { Sender } from './delivery/send-attempt.ts';
import { acceptsSource, effectsOf, mergeSettings, viewOf } from './settings/apply-settings.ts';
import { generateSigningSecret } from './delivery/signature.ts';
import { activeSigningSecrets } from './delivery/signing-secrets.ts';
import { sampleOrder } from './delivery/sample-order.ts';

export interface ServiceDeps {
  settings: SettingsStore;
  deliveries: DeliveryStore;
  log: LogQueries;
  dispatcher: Dispatcher;
  health: EndpointHealth;
  testSender: Sender;
  clock: Clock;
  version: string;
  /** Where the POS on the LAN can reach this hub. */
  ingestUrls: () => string[];
  notify: (changed: number) => void;
}

const iso = (ms: number | null) => (ms === null || ms === 0 ? null : new Date(ms).toISOString());

export function createHubService(deps: ServiceDeps): HubOperations {
  const { settings, deliveries, log, dispatcher, health, clock } = deps;

  function saveStored(next: ReturnType<SettingsStore['get']>) {
    const before = settings.get();
    settings.save(next);
    const now = clock.now();
    const { narrowed, retarget } = effectsOf(before, next);
    let changed = 0;
    for (const hook of narrowed) changed += deliveries.cancelWaiting(hook, EVENT_SOURCES.filter((source) => !acceptsSource(next, hook, source)), now);
    for (const hook of retarget) {
      health.reset(hook);
      changed += deliveries.retryHookNow(hook, now);
    }
    if (changed > 0) deps.notify(changed);
    dispatcher.wake();
    return viewOf(next);
  }

  function mustExist<T>(value: T | null | undefined, id: number): T {
    if (value === null || value === undefined) throw new HubError('not_found', `Delivery ${id} does not exist`, [], 404);
    return value;
  }

  function deliveryView(id: number) {
    return mustExist(log.get(id), id);
  }

  return {
    async getSettings() {
      return viewOf(settings.get());
    },

    async saveSettings(input) {
      const parsed = settingsInputSchema.safeParse(input);
      if (!parsed.success) throw new HubError('invalid_settings', 'Some settings need fixing; nothing was saved', zodDetails(parsed.error), 400);
      return saveStored(mergeSettings(settings.get(), parsed.data, clock.now()));
    },

    async sendTest(hook) {
      const current = settings.get();
      const url = current.hooks[hook].url;
      if (url === '') throw new HubError('no_url', 'Enter and save the URL of this hook before sending a test', [{ path: `hooks.${hook}.url`, message: 'No URL saved' }], 400);
      const now = clock.now();
      const result = await deps.testSender.send({
        url, body: JSON.stringify(sampleOrder(hook, now)), webhookId: `msg_test_${now}`, timestampSeconds: Math.floor(now / 1000),
        apiKey: current.requestHeader, signingSecrets: activeSigningSecrets(current, now),
      });
      return { ok: result.outcome === 'delivered', url, status: result.status, latencyMs: result.latencyMs, body: result.responseBody, error: result.error };
    },

    async listDeliveries(query) {
      const parsed = deliveryQuerySchema.safeParse(query);
      if (!parsed.success) throw new HubError('invalid_query', 'The log filter is invalid', zodDetails(parsed.error), 400);
      return log.list(parsed.data);
    },

    async getDelivery(id) {
      return deliveryView(id);
    },

    async retryDelivery(id) {
      const outcome = deliveries.retryNow(id, clock.now());
      if (outcome === 'missing') mustExist(null, id);
      if (outcome === 'busy') throw new HubError('in_flight', 'This delivery is being sent right now', [], 409);
      if (outcome === 'delivered') throw new HubError('already_delivered', 'This delivery was already delivered; use Re-send to send a fresh copy', [], 409);
      if (outcome === 'blocked') throw new HubError('waiting_for_earlier', 'This delivery waits for an earlier delivery of the same check; retry that one', [], 409);
      const row = deliveries.get(id)!;
      health.reset(row.hook, true);
      deps.notify(1);
      dispatcher.wake();
      return deliveryView(id);
    },

    async resendDelivery(id) {
      const original = mustExist(deliveries.get(id), id);
      if (original.state === 'pending' || original.state === 'retrying' || original.state === 'delivering') {
        throw new HubError('still_active', 'This delivery is still being attempted; use Retry now instead', [], 409);
      }
      const copyId = deliveries.resend(id, clock.now())!;
      deps.notify(1);
      dispatcher.wake();
      return deliveryView(copyId);
    },

    async resendBulk(input) {
      const parsed = bulkResendSchema.safeParse(input);
      if (!parsed.success) throw new HubError('invalid_request', 'The re-send request is invalid', zodDetails(parsed.error), 400);
      const { hook, states, since, until } = parsed.data;
      const queued = deliveries.resendBulk(hook, states, Date.parse(since), Date.parse(until), clock.now());
      if (queued > 0) deps.notify(queued);
      dispatcher.wake();
      return { queued };
    },

    async getStats() {
      const now = clock.now();
      const { byState, waiting } = log.counts();
      const current = settings.get();
      const endpoints: HealthView[] = HOOKS.map((hook: Hook) => {
        const s = health.state(hook);
        const routable = acceptsSource(current, hook, 'OLO') || acceptsSource(current, hook, 'POS');
        const status = !routable ? 'off' : s.goneAt ? 'stopped' : s.consecutiveFailures > 0 ? 'backing-off' : 'up';
        return {
          hook, url: current.hooks[hook].url, enabled: routable, status, failingSince: iso(s.failingSince), lastError: s.lastError,
          nextProbeAt: s.consecutiveFailures > 0 ? iso(s.nextProbeAt) : null, waiting: waiting[hook], goneAt: iso(s.goneAt),
        };
      });
      return { counts: byState, queueDepth: byState.pending + byState.retrying + byState.delivering, endpoints, hourly: log.hourly(now) };
    },

    async getConnection() {
      return { ingestUrls: deps.ingestUrls(), posTokenMasked: maskSecret(settings.posToken), version: deps.version };
    },

    async revealPosToken() {
      return { value: settings.posToken };
    },

    async regeneratePosToken() {
      return { value: settings.regeneratePosToken() };
    },

    async revealSigningSecret() {
      return { value: settings.get().signingSecret ?? '' };
    },

    async rotateSigningSecret() {
      const current = settings.get();
      const secret = generateSigningSecret();
      saveStored({
        ...current, signingSecret: secret, previousSigningSecret: current.signingSecret,
        signingSecretRotatedAt: current.signingSecret ? new Date(clock.now()).toISOString() : null,
      });
      return { value: secret };
    },
  };
}
