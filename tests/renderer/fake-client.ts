// An in-memory HubClient for component tests: settings, a delivery list and stats, with every
// call spy-able (vi.spyOn) and `emitChange()` to play the hub's live push.
import type { HubClient, SavedSettings } from '../../shared/client.ts';
import type { ConnectionInfo, EndpointHealth, HubChange, Stats, TestResult } from '../../shared/api.ts';
import type { BackfillInput, BackfillPreview, PartnerInput, PartnerView, SavedPartner } from '../../shared/partners.ts';
import { ORDER_TYPES, type BulkResend, type Delivery, type DeliveryDetail, type DeliveryPage, type DeliveryQuery } from '../../shared/delivery.ts';
import type { Hook, SettingsInput, SettingsView } from '../../shared/settings.ts';
import type { MonitoringInput, MonitoringView } from '../../shared/monitoring.ts';
import { maskSecret } from '../../shared/mask.ts';

export function settingsView(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    requestHeader: { name: 'X-API-Key', value: '••••••••cret', hasValue: true },
    hooks: {
      open: { url: 'https://partner.example/orders/open', enabled: true },
      update: { url: 'https://partner.example/orders/update', enabled: true },
      close: { url: '', enabled: false },
    },
    thirdPartyOrders: false,
    signingSecret: null,
    signingSecretRotatedAt: null,
    retry: { maxAgeHours: 72 },
    ...overrides,
  };
}

export function monitoringView(overrides: Partial<MonitoringView> = {}): MonitoringView {
  return {
    url: '', requestHeader: { name: '', value: '', hasValue: false }, signingSecret: null, signingSecretRotatedAt: null,
    intervalSeconds: 300, storeName: 'store-pc-042', hubId: 'hub_0123456789abcdef',
    status: { state: 'off', lastDeliveredAt: null, lastStatus: null, lastError: null, waiting: { heartbeats: 0, alerts: 0 }, nextHeartbeatAt: null },
    ...overrides,
  };
}

export function delivery(id: number, overrides: Partial<Delivery> = {}): Delivery {
  const at = new Date(Date.UTC(2026, 10, 27, 19, 0, id)).toISOString();
  return {
    id, webhookId: `msg_${id}`, partnerId: 'p1', partnerName: 'Order webhook', hook: 'update', eventId: `pos-${id}`, eventType: 'check.updated', checkId: `c-${id}`,
    checkNumber: String(1000 + id), state: 'delivered', attempts: 1, createdAt: at, updatedAt: at, nextAttemptAt: null,
    lastStatus: 200, lastLatencyMs: 42, lastError: null, resentFrom: null, resentTo: null, resolved: false, waitingFor: null, ...overrides,
  };
}

export function emptyStats(): Stats {
  return {
    counts: { pending: 0, delivering: 0, delivered: 0, retrying: 0, failed: 0, dead: 0, cancelled: 0 },
    queueDepth: 0,
    notDelivered: 0,
    endpoints: (['open', 'update', 'close'] as const).map((hook) => endpointHealth(hook, hook === 'close' ? 'off' : 'up')),
    partners: [{ id: 'p1', name: 'Order webhook', status: 'up', waiting: 0, notDelivered: 0 }],
    hourly: [],
  };
}

export function endpointHealth(hook: Hook, status: EndpointHealth['status'], extra: Partial<EndpointHealth> = {}): EndpointHealth {
  return {
    partnerId: 'p1', partnerName: 'Order webhook', hook, url: '', enabled: status !== 'off', status, failingSince: null, lastError: null, lastStatus: null,
    nextProbeAt: null, heldBehind: null, waiting: 0, goneAt: null, recovery: null, ...extra,
  };
}

export class FakeClient implements HubClient {
  settings = settingsView();
  saved: SettingsInput[] = [];
  deliveries: Delivery[] = [];
  stats: Stats = emptyStats();
  monitoring = monitoringView();
  savedMonitoring: MonitoringInput[] = [];
  heartbeatResult: TestResult = { ok: true, url: 'https://head-office.example/hubs', status: 202, latencyMs: 48, body: '{"received":true}', error: null };
  /** The POS check inside a delivery's payload, by delivery id (default: just the numbers). */
  checks = new Map<number, Record<string, unknown>>();
  private listeners = new Set<(change: HubChange) => void>();

  async getSettings(): Promise<SettingsView> {
    return structuredClone(this.settings);
  }
  async saveSettings(input: SettingsInput): Promise<SavedSettings> {
    this.saved.push(input);
    const value = input.requestHeader.value;
    this.settings = {
      ...this.settings,
      requestHeader: { name: input.requestHeader.name, value: value === undefined ? this.settings.requestHeader.value : maskSecret(value), hasValue: value === undefined ? this.settings.requestHeader.hasValue : value !== '' },
      hooks: structuredClone(input.hooks),
      thirdPartyOrders: input.thirdPartyOrders,
      retry: input.retry ?? this.settings.retry,
    };
    return { ...(await this.getSettings()), effects: { cancelled: 0, retried: 0 } };
  }
  async listPartners(): Promise<PartnerView[]> {
    return [{ id: 'p1', name: 'Order webhook', ...(await this.getSettings()) }];
  }
  async getPartner(id: string): Promise<PartnerView> {
    return { id, name: 'Order webhook', ...(await this.getSettings()) };
  }
  async addPartner(input: PartnerInput): Promise<SavedPartner> {
    return { id: 'p2', name: input.name, ...(await this.getSettings()), effects: { cancelled: 0, retried: 0 } };
  }
  async savePartner(id: string, input: PartnerInput): Promise<SavedPartner> {
    return { id, name: input.name, ...(await this.saveSettings(input)) };
  }
  async removePartner(id: string) {
    return { id, name: 'Order webhook', cancelled: 0 };
  }
  async sendPartnerTest(_id: string, hook: Hook): Promise<TestResult> {
    return this.sendTest(hook);
  }
  async revealPartnerSigningSecret(_id: string) {
    return this.revealSigningSecret();
  }
  async rotatePartnerSigningSecret(_id: string) {
    return this.rotateSigningSecret();
  }
  async backfillPartner(_id: string, _input: BackfillInput) {
    return { queued: 0 };
  }
  async previewBackfill(_input: BackfillPreview) {
    return { queued: 0 };
  }
  async checkEndpoint(_id: string, hook: Hook): Promise<EndpointHealth> {
    return endpointHealth(hook, 'up');
  }
  async sendTest(_hook: Hook): Promise<TestResult> {
    return { ok: true, url: 'https://partner.example/orders/open', status: 200, latencyMs: 31, body: '{"ok":true}', error: null };
  }
  async listDeliveries(query: DeliveryQuery): Promise<DeliveryPage> {
    const limit = Number(query.limit ?? 50);
    const filtered = this.deliveries
      .filter((d) => (!query.partner || d.partnerId === query.partner) && (!query.state || d.state === query.state) && (!query.hook || d.hook === query.hook) && (!query.q || d.checkNumber.includes(query.q)));
    const matching = filtered.filter((d) => query.cursor === undefined || d.id < Number(query.cursor)).sort((a, b) => b.id - a.id);
    const items = matching.slice(0, limit);
    return { items, nextCursor: matching.length > limit ? (items[items.length - 1]?.id ?? null) : null, total: filtered.length };
  }
  async getDelivery(id: number): Promise<DeliveryDetail> {
    const found = this.deliveries.find((d) => d.id === id);
    if (!found) throw new Error(`no delivery ${id}`);
    const check = this.checks.get(id) ?? { checkId: found.checkId, checkNumber: found.checkNumber };
    return { ...found, payload: { type: ORDER_TYPES[found.eventType], timestamp: found.createdAt, data: { eventId: found.eventId, check } }, attemptLog: [] };
  }
  async retryDelivery(id: number): Promise<Delivery> {
    return (await this.getDelivery(id)) as Delivery;
  }
  async resendDelivery(id: number): Promise<Delivery> {
    const original = this.deliveries.find((d) => d.id === id);
    const copy = delivery(this.deliveries.length + 1, { ...original, id: this.deliveries.length + 1, webhookId: `msg_copy_${id}`, resentFrom: id, state: 'pending', attempts: 0 });
    this.deliveries.push(copy);
    return copy;
  }
  async resendBulk(_input: BulkResend): Promise<{ queued: number }> {
    return { queued: 0 };
  }
  async getStats(): Promise<Stats> {
    return structuredClone(this.stats);
  }
  async getConnection(): Promise<ConnectionInfo> {
    return { ingestUrls: ['http://192.168.1.20:8787/v1/events', 'http://127.0.0.1:8787/v1/events'], posTokenMasked: '••••••••abcd', ingestHost: '0.0.0.0', version: '0.1.0', lastEventAt: null };
  }
  async getMonitoring(): Promise<MonitoringView> {
    return structuredClone(this.monitoring);
  }
  async saveMonitoring(input: MonitoringInput): Promise<MonitoringView> {
    this.savedMonitoring.push(input);
    const value = input.requestHeader.value;
    const header = this.monitoring.requestHeader;
    this.monitoring = {
      ...this.monitoring,
      url: input.url,
      requestHeader: { name: input.requestHeader.name, value: value === undefined ? header.value : maskSecret(value), hasValue: value === undefined ? header.hasValue : value !== '' },
      intervalSeconds: input.intervalSeconds ?? 300,
      storeName: input.storeName || 'store-pc-042',
      status: { ...this.monitoring.status, state: input.url === '' ? 'off' : 'up' },
    };
    return this.getMonitoring();
  }
  async sendHeartbeatNow(): Promise<TestResult> {
    return structuredClone(this.heartbeatResult);
  }
  async revealMonitoringSecret() {
    return { value: 'whsec_aGVhZG9mZmljZWhlYWRvZmZpY2VoZWFkb2ZmaWNlaGVh' };
  }
  async rotateMonitoringSecret() {
    return { value: 'whsec_bmV3aGVhZG9mZmljZW5ld2hlYWRvZmZpY2VuZXdo' };
  }
  async revealPosToken() {
    return { value: 'pos-token-full-abcd' };
  }
  async regeneratePosToken() {
    return { value: 'pos-token-new-wxyz' };
  }
  async revealSigningSecret() {
    return { value: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0' };
  }
  async rotateSigningSecret() {
    return { value: 'whsec_bmV3c2VjcmV0bmV3c2VjcmV0bmV3c2VjcmV0bmV3' };
  }
  onChange(listener: (change: HubChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emitChange(): void {
    for (const listener of this.listeners) listener({ changed: 1, at: new Date().toISOString() });
  }
}
