// An in-memory HubClient for component tests: partners (the first one's page is `settings`), a
// delivery list and stats, with every call spy-able (vi.spyOn) and `emitChange()` to play the
// hub's live push.
import { HubError, type HubClient, type SavedSettings } from '../../shared/client.ts';
import type { ConnectionInfo, EndpointHealth, HubChange, Stats, StatsQuery, TestResult } from '../../shared/api.ts';
import { MAX_PARTNERS, type BackfillInput, type BackfillPreview, type PartnerInput, type PartnerView, type SaveEffects, type SavedPartner } from '../../shared/partners.ts';
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

/** Stats of a store with these partners (p1 first), every hook up but Close. */
export function partnersStats(names: readonly string[]): Stats {
  const stats = emptyStats();
  const ids = names.map((_, index) => `p${index + 1}`);
  stats.partners = names.map((name, index) => ({ id: ids[index]!, name, status: 'up', waiting: 0, notDelivered: 0 }));
  stats.endpoints = names.flatMap((name, index) => (['open', 'update', 'close'] as const).map((hook) => endpointHealth(hook, hook === 'close' ? 'off' : 'up', { partnerId: ids[index]!, partnerName: name })));
  return stats;
}

export function endpointHealth(hook: Hook, status: EndpointHealth['status'], extra: Partial<EndpointHealth> = {}): EndpointHealth {
  return {
    partnerId: 'p1', partnerName: 'Order webhook', hook, url: '', enabled: status !== 'off', status, failingSince: null, lastError: null, lastStatus: null,
    nextProbeAt: null, heldBehind: null, waiting: 0, goneAt: null, recovery: null, ...extra,
  };
}

function applyInput(view: SettingsView, input: SettingsInput): SettingsView {
  const value = input.requestHeader.value;
  return {
    ...view,
    requestHeader: { name: input.requestHeader.name, value: value === undefined ? view.requestHeader.value : maskSecret(value), hasValue: value === undefined ? view.requestHeader.hasValue : value !== '' },
    hooks: structuredClone(input.hooks),
    thirdPartyOrders: input.thirdPartyOrders,
    retry: input.retry ?? view.retry,
  };
}

export class FakeClient implements HubClient {
  /** The first partner's page (p1), as `/api/settings` serves it. */
  settings = settingsView();
  firstName = 'Order webhook';
  /** Partners after the first, in the order they were added. */
  others: PartnerView[] = [];
  saved: SettingsInput[] = [];
  /** What the next save reports it did to the queue. */
  nextEffects: SaveEffects = { cancelled: 0, retried: 0 };
  deliveries: Delivery[] = [];
  stats: Stats = emptyStats();
  monitoring = monitoringView();
  savedMonitoring: MonitoringInput[] = [];
  heartbeatResult: TestResult = { ok: true, url: 'https://head-office.example/hubs', status: 202, latencyMs: 48, body: '{"received":true}', error: null };
  /** `getStats({partner})` answers; without one, the store's stats narrowed to that partner. */
  partnerStats = new Map<string, Stats>();
  /** The POS check inside a delivery's payload, by delivery id (default: just the numbers). */
  checks = new Map<number, Record<string, unknown>>();
  private listeners = new Set<(change: HubChange) => void>();
  private nextPartner = 2;

  /** Adds partners p2, p3, … named so, and puts every partner in the stats. */
  withPartners(...names: string[]): this {
    for (const name of names) this.others.push({ id: `p${this.nextPartner++}`, name, ...settingsView({ requestHeader: { name: 'X-Partner-Key', value: '••••••••2key', hasValue: true } }) });
    this.stats = partnersStats([this.firstName, ...this.others.map((p) => p.name)]);
    return this;
  }

  async getSettings(): Promise<SettingsView> {
    return structuredClone(this.settings);
  }
  async saveSettings(input: SettingsInput): Promise<SavedSettings> {
    this.saved.push(input);
    this.settings = applyInput(this.settings, input);
    return { ...(await this.getSettings()), effects: this.nextEffects };
  }
  async listPartners(): Promise<PartnerView[]> {
    return [{ id: 'p1', name: this.firstName, ...(await this.getSettings()) }, ...structuredClone(this.others)];
  }
  async getPartner(id: string): Promise<PartnerView> {
    const found = (await this.listPartners()).find((p) => p.id === id);
    if (!found) throw new HubError('not_found', `There is no partner ${id}`, [], 404);
    return found;
  }
  async addPartner(input: PartnerInput): Promise<SavedPartner> {
    if ((await this.listPartners()).length >= MAX_PARTNERS) throw new HubError('partner_limit', `A store can have at most ${MAX_PARTNERS} partners; remove one first`, [{ path: '(root)', message: '20 partners already' }], 409);
    const added: PartnerView = { id: `p${this.nextPartner++}`, name: input.name, ...applyInput(settingsView({ requestHeader: { name: '', value: '', hasValue: false } }), input) };
    this.others.push(added);
    return { ...structuredClone(added), effects: { cancelled: 0, retried: 0 } };
  }
  async savePartner(id: string, input: PartnerInput): Promise<SavedPartner> {
    if (id === 'p1') {
      this.firstName = input.name;
      return { id, name: input.name, ...(await this.saveSettings(input)) };
    }
    const at = this.others.findIndex((p) => p.id === id);
    if (at < 0) throw new HubError('not_found', `There is no partner ${id}`, [], 404);
    this.saved.push(input);
    const next = { ...applyInput(this.others[at]!, input), id, name: input.name };
    this.others[at] = next;
    return { ...structuredClone(next), effects: this.nextEffects };
  }
  async removePartner(id: string) {
    const partners = await this.listPartners();
    const found = partners.find((p) => p.id === id);
    if (!found) throw new HubError('not_found', `There is no partner ${id}`, [], 404);
    if (partners.length === 1) throw new HubError('last_partner', 'The store keeps at least one partner page; set its hooks to NO to stop sending', [], 409);
    this.others = this.others.filter((p) => p.id !== id);
    return { id, name: found.name, cancelled: this.stats.partners.find((p) => p.id === id)?.waiting ?? 0 };
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
  async checkEndpoint(id: string, hook: Hook): Promise<EndpointHealth> {
    return this.stats.endpoints.find((e) => e.partnerId === id && e.hook === hook) ?? endpointHealth(hook, 'up');
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
  async retryDelivery(id: number): Promise<DeliveryDetail> {
    return this.getDelivery(id);
  }
  async resendDelivery(id: number): Promise<DeliveryDetail> {
    const original = this.deliveries.find((d) => d.id === id);
    const copy = delivery(this.deliveries.length + 1, { ...original, id: this.deliveries.length + 1, webhookId: `msg_copy_${id}`, resentFrom: id, state: 'pending', attempts: 0 });
    this.deliveries.push(copy);
    return this.getDelivery(copy.id);
  }
  async resendBulk(_input: BulkResend): Promise<{ queued: number }> {
    return { queued: 0 };
  }
  async getStats(query?: StatsQuery): Promise<Stats> {
    const partner = query?.partner;
    if (partner === undefined) return structuredClone(this.stats);
    const own = this.partnerStats.get(partner);
    if (own) return structuredClone(own);
    return structuredClone({ ...this.stats, endpoints: this.stats.endpoints.filter((e) => e.partnerId === partner), partners: this.stats.partners.filter((p) => p.id === partner) });
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
