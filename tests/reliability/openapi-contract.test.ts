// docs/openapi.json against the real hub (`npm run serve`'s entry, its own process) and a real
// partner: every documented operation is called for real, good and bad — bad body, unknown id,
// missing token, foreign origin, wrong method, not JSON, too large, conflicts — and every answer's
// status and body must be what the document says (tests/support/openapi-contract.ts). The last test
// checks that every documented operation, and every status it documents, was actually seen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, DeliveryPage } from '../../shared/delivery.ts';
import type { PartnerView } from '../../shared/partners.ts';
import { MAX_PARTNERS } from '../../shared/partners.ts';
import { startHubProcess, type HubProcess } from '../support/hub-process.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { createContractChecker, METHODS, type DocumentedOperation, type RealAnswer } from '../support/openapi-contract.ts';
import { makeEvent } from '../support/events.ts';
import { settingsFor } from '../support/hub-fixture.ts';
import { waitUntil } from '../support/reliability-kit.ts';
import { monitoringFor } from '../hub/monitoring-kit.ts';

const contract = createContractChecker();
const METRICS_TOKEN = 'metrics-token-for-the-contract-test-0123';
/** Statuses documented but not reachable from outside a healthy process, and where they are shown instead. */
const SHOWN_ELSEWHERE: Record<string, Record<number, string>> = {
  postEvents: { 503: 'a disk that refuses writes: tests/hub/ingest-unavailable.test.ts' },
};

let hub: HubProcess;
let partner: Receiver;
let headOffice: Receiver;
let posToken: string;

beforeAll(async () => {
  // /close answers 503 with a long Retry-After: its delivery stays `retrying`, never in flight by chance.
  partner = await startTestReceiver({ mode: (r) => (r.path === '/close' ? { kind: 'fail', status: 503, retryAfter: '3600' } : { kind: 'ok' }) });
  headOffice = await startTestReceiver();
  hub = await startHubProcess({ env: { HUB_METRICS_TOKEN: METRICS_TOKEN } });
  posToken = hub.posToken;
}, 30_000);

afterAll(async () => {
  await hub?.stop();
  await partner?.close();
  await headOffice?.close();
});

interface Call {
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  body?: unknown;
  /** A body sent as is, with its own Content-Type. */
  raw?: { text: string; type: string };
  /** Overrides the operation's own token; null sends none. */
  token?: string | null;
  headers?: Record<string, string>;
  method?: string;
}

const isIngest = (operation: DocumentedOperation) => operation.servers.some((server) => server.url.includes('{storePc}'));

function tokenFor(operation: DocumentedOperation, call: Call): string | null {
  if (call.token !== undefined) return call.token;
  if (isIngest(operation)) return operation.path === '/v1/events' ? posToken : null;
  return hub.adminToken;
}

/** A value the path parameter's schema accepts, for calls whose target does not matter. */
function exampleValue(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  if (schema.type === 'integer') return '1';
  const candidate = 'p1';
  if (typeof schema.pattern === 'string' && new RegExp(schema.pattern).test(candidate)) return candidate;
  throw new Error(`no example for ${JSON.stringify(schema)}`);
}

function urlOf(operation: DocumentedOperation, call: Call): URL {
  const filled = operation.path.replace(/\{([a-zA-Z]+)\}/g, (_all, name: string) => {
    const given = call.params?.[name];
    if (given !== undefined) return encodeURIComponent(String(given));
    return exampleValue(operation.parameters!.find((param) => param.name === name)!.schema);
  });
  const url = new URL(filled, isIngest(operation) ? new URL(hub.ingestUrl).origin : hub.adminOrigin);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  return url;
}

async function send(operationId: string, call: Call = {}): Promise<RealAnswer> {
  const operation = contract.operation(operationId);
  const token = tokenFor(operation, call);
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...call.headers };
  let body: string | undefined;
  if (call.raw) {
    headers['content-type'] = call.raw.type;
    body = call.raw.text;
  } else if (call.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.body);
  }
  const response = await fetch(urlOf(operation, call), { method: call.method ?? operation.method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', headers: response.headers, text, json };
}

/** Calls the operation, expects `status`, and holds the answer to the document. */
async function call<T = unknown>(operationId: string, status: number, request: Call = {}): Promise<T> {
  const answer = await send(operationId, request);
  expect(answer.status, `${operationId} answered: ${answer.text.slice(0, 600)}`).toBe(status);
  contract.check(operationId, answer);
  if (status < 300 && request.body !== undefined) contract.checkRequestBody(operationId, request.body);
  return answer.json as T;
}

const allOperations = () => [...contract.operations.values()];
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const now = () => new Date().toISOString();
const quietPartner = (name: string) => ({
  name, requestHeader: { name: '' }, thirdPartyOrders: false,
  hooks: { open: { url: '', enabled: false }, update: { url: '', enabled: false }, close: { url: '', enabled: false } },
});

describe('docs/openapi.json holds for the real hub', () => {
  it('ingest: health, events (one and a batch, duplicates), and every way to send them wrong', async () => {
    await call('getHealth', 200);
    const check = { checkId: 'c-contract-1', checkNumber: '1001' };
    const opened = makeEvent({ type: 'check.opened', source: 'OLO', check });
    expect(await call('postEvents', 202, { body: opened })).toEqual({ accepted: 1, duplicates: 0 });
    const closed = makeEvent({ type: 'check.closed', check });
    expect(await call('postEvents', 202, { body: { events: [opened, closed] } })).toEqual({ accepted: 1, duplicates: 1 });
    await call('postEvents', 400, { body: { ...opened, eventId: '', check: { checkNumber: '1' } } });
    await call('postEvents', 400, { body: { events: [] } });
    await call('postEvents', 401, { token: 'wrong-token' });
    await call('postEvents', 401, { token: null, body: opened });
  });

  it('every admin operation (and /metrics) refuses a missing token with 401 and a foreign origin with 403', async () => {
    for (const operation of allOperations().filter((o) => !isIngest(o))) {
      await call(operation.operationId, 401, { token: null });
      await call(operation.operationId, 401, { token: 'not-the-admin-token' });
      await call(operation.operationId, 403, { headers: { origin: 'http://evil.example' } });
      await call(operation.operationId, 403, { headers: { 'sec-fetch-site': 'cross-site' } });
    }
  });

  it('every JSON body refuses another media type (415), broken JSON (400) and over 1 MiB (413)', async () => {
    for (const operation of allOperations().filter((o) => o.requestBody)) {
      await call(operation.operationId, 415, { raw: { text: '{}', type: 'text/plain' } });
      await call(operation.operationId, 400, { raw: { text: '{"events": [', type: 'application/json' } });
      await call(operation.operationId, 400, { raw: { text: `${'['.repeat(65)}${']'.repeat(65)}`, type: 'application/json' } });
      await call(operation.operationId, 413, { raw: { text: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }), type: 'application/json' } });
    }
  });

  it('an undocumented path answers 404 with the Error document, on both ports', async () => {
    for (const url of [new URL('/v1/orders', hub.ingestUrl), new URL('/api/orders', hub.adminOrigin), new URL('/api/partners/p1/webhooks', hub.adminOrigin)]) {
      const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${hub.adminToken}` } });
      expect(response.status, url.pathname).toBe(404);
      contract.validateSchema({ $ref: '#/components/schemas/Error' }, await response.json(), `${url.pathname} 404`);
    }
  });

  it('every documented path answers 405 to each method it does not take', async () => {
    for (const [pathTemplate, item] of Object.entries(contract.document.paths)) {
      const documented = METHODS.filter((method) => item[method]);
      const operation = contract.operation((item[documented[0]!] as { operationId: string }).operationId);
      for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'].filter((m) => !documented.includes(m.toLowerCase() as never))) {
        const answer = await send(operation.operationId, { method });
        contract.checkWrongMethod(pathTemplate, answer);
      }
    }
  });

  it('the first partner\'s page: read, save (bad → 400, nothing saved), Send test, signing secret; the last partner can\'t be removed', async () => {
    await call('removePartner', 409, { params: { id: 'p1' } });
    await call('sendTest', 400, { params: { hook: 'open' } });
    await call('sendTest', 404, { params: { hook: 'reopen' } });
    const before = await call('getSettings', 200);
    await call('saveSettings', 400, { body: { ...settingsFor(partner.url), hooks: { open: { url: 'ftp://x', enabled: true }, update: { url: '', enabled: true }, close: { url: '', enabled: false } } } });
    expect(await call('getSettings', 200)).toEqual(before);
    await call('saveSettings', 200, { body: settingsFor(partner.url) });
    await call('sendTest', 200, { params: { hook: 'open' } });
    await call('revealSigningSecret', 200);
    await call('rotateSigningSecret', 200);
    await call('revealSigningSecret', 200);
  });

  it('the delivery log: list and filter, one delivery, Retry now, Re-send, bulk re-send, stats — and their refusals', async () => {
    const check = { checkId: 'c-contract-2', checkNumber: '1002' };
    await call('postEvents', 202, { body: { events: [makeEvent({ type: 'check.opened', source: 'OLO', check }), makeEvent({ type: 'check.closed', check })] } });
    let items: Delivery[] = [];
    await waitUntil(async () => {
      items = (await call<DeliveryPage>('listDeliveries', 200, { query: { q: '#1002' } })).items;
      return items.some((d) => d.hook === 'open' && d.state === 'delivered') && items.some((d) => d.hook === 'close' && d.state === 'retrying');
    }, 10_000, () => `the open delivered and the close retrying: ${JSON.stringify(items.map((d) => [d.hook, d.state]))}`);
    const delivered = items.find((d) => d.hook === 'open')!;
    const retrying = items.find((d) => d.hook === 'close')!;

    await call('listDeliveries', 200, { query: { state: 'delivered', hook: 'open', limit: '1' } });
    await call('listDeliveries', 200, { query: { partner: 'p1', cursor: String(delivered.id) } });
    await call('listDeliveries', 400, { query: { limit: '0' } });
    await call('listDeliveries', 400, { query: { state: 'lost' } });
    await call('getDelivery', 200, { params: { id: delivered.id } });
    await call('getDelivery', 200, { params: { id: retrying.id } });
    await call('getDelivery', 404, { params: { id: 999_999 } });
    await call('getDelivery', 404, { params: { id: 0 } });

    await call('retryDelivery', 409, { params: { id: delivered.id } });
    await call('retryDelivery', 404, { params: { id: 999_999 } });
    await call('resendDelivery', 409, { params: { id: retrying.id } });
    await call('resendDelivery', 404, { params: { id: 999_999 } });
    // Retry first: a re-sent copy of the open goes ahead of the close in POS order, which would then wait for it.
    await call('retryDelivery', 200, { params: { id: retrying.id } });
    await call('resendDelivery', 201, { params: { id: delivered.id } });

    const range = { since: hourAgo(), until: now() };
    await call('resendBulk', 200, { body: { ...range, hook: 'all', dryRun: true } });
    await call('resendBulk', 200, { body: { ...range, partner: 'p1', hook: 'close', states: ['failed', 'dead'] } });
    await call('resendBulk', 400, { body: { since: 'yesterday' } });
    await call('resendBulk', 404, { body: { ...range, partner: 'p99' } });

    await call('getStats', 200);
    await call('getStats', 200, { query: { partner: 'p1' } });
    await call('getStats', 404, { query: { partner: 'p99' } });
  });

  it('partners: add, read, save, Send test, Check now, secrets, backfill, remove — unknown ids 404, bad pages 400', async () => {
    const added = await call<PartnerView>('addPartner', 201, { body: { ...settingsFor(partner.url, { hooks: { open: { url: `${partner.url}/open`, enabled: true }, update: { url: '', enabled: false }, close: { url: `${partner.url}/close`, enabled: true } } }), name: 'Loyalty Co' } });
    await call('addPartner', 400, { body: { ...quietPartner('Loyalty Co') } });
    await call('addPartner', 400, { body: { name: '' } });
    await call('listPartners', 200);
    await call('getPartner', 200, { params: { id: added.id } });
    await call('getPartner', 404, { params: { id: 'p99' } });
    await call('savePartner', 200, { params: { id: added.id }, body: { ...settingsFor(partner.url), name: 'Loyalty Co' } });
    await call('savePartner', 400, { params: { id: added.id }, body: { ...settingsFor(partner.url), name: 'Order webhook' } });
    await call('savePartner', 404, { params: { id: 'p99' }, body: { ...settingsFor(partner.url), name: 'Ghost' } });

    await call('sendPartnerTest', 200, { params: { id: added.id, hook: 'update' } });
    await call('savePartner', 200, { params: { id: added.id }, body: { ...quietPartner('Loyalty Co') } });
    await call('sendPartnerTest', 400, { params: { id: added.id, hook: 'update' } });
    await call('sendPartnerTest', 404, { params: { id: 'p99', hook: 'open' } });
    await call('checkEndpoint', 200, { params: { id: 'p1', hook: 'close' } });
    await call('checkEndpoint', 404, { params: { id: 'p99', hook: 'close' } });
    for (const operationId of ['revealPartnerSigningSecret', 'rotatePartnerSigningSecret']) {
      await call(operationId, 200, { params: { id: added.id } });
      await call(operationId, 404, { params: { id: 'p99' } });
    }

    await call('backfillPartner', 200, { params: { id: added.id }, body: { since: hourAgo(), dryRun: true } });
    await call('backfillPartner', 200, { params: { id: added.id }, body: { since: hourAgo(), until: now() } });
    await call('backfillPartner', 400, { params: { id: added.id }, body: { since: now(), until: hourAgo() } });
    await call('backfillPartner', 404, { params: { id: 'p99' }, body: { since: hourAgo() } });
    const preview = settingsFor(partner.url);
    await call('previewBackfill', 200, { body: { hooks: preview.hooks, thirdPartyOrders: true, since: hourAgo() } });
    await call('previewBackfill', 400, { body: { hooks: preview.hooks, since: 'an hour ago' } });

    await call('removePartner', 200, { params: { id: added.id } });
    await call('removePartner', 404, { params: { id: added.id } });
  });

  it(`a store has at most ${MAX_PARTNERS} partners: one more is a 409`, async () => {
    let count = (await call<PartnerView[]>('listPartners', 200)).length;
    while (count < MAX_PARTNERS) await call('addPartner', 201, { body: quietPartner(`Partner ${++count}`) });
    await call('addPartner', 409, { body: quietPartner('One too many') });
  }, 60_000);

  it('the POS connection: URLs and masked token, reveal, regenerate (the old token stops working)', async () => {
    await call('getConnection', 200);
    await call('revealPosToken', 200);
    const old = posToken;
    posToken = (await call<{ value: string }>('regeneratePosToken', 200)).value;
    await call('postEvents', 401, { token: old, body: makeEvent() });
    await call('postEvents', 202, { body: makeEvent() });
  });

  it('monitoring: the page, save (bad → 400), Send heartbeat now (none saved → 400), its signing secret', async () => {
    await call('getMonitoring', 200);
    await call('sendHeartbeatNow', 400);
    await call('saveMonitoring', 400, { body: monitoringFor(headOffice.url, { intervalSeconds: 5, url: 'not a url' }) });
    await call('saveMonitoring', 200, { body: monitoringFor(headOffice.url) });
    await call('sendHeartbeatNow', 200);
    await call('revealMonitoringSecret', 200);
    await call('rotateMonitoringSecret', 200);
    await call('getMonitoring', 200);
  });

  it('/metrics answers Prometheus text to the admin token and to the metrics token', async () => {
    const text = (await send('getMetrics')).text;
    expect(text).toMatch(/^owh_queue_depth /m);
    contract.check('getMetrics', await send('getMetrics'));
    const withMetricsToken = await send('getMetrics', { token: METRICS_TOKEN });
    expect(withMetricsToken.status).toBe(200);
    contract.check('getMetrics', withMetricsToken);
  });

  it('the live stream: text/event-stream whose change events carry HubChange documents', async () => {
    const operation = contract.operation('streamChanges');
    const abort = new AbortController();
    const response = await fetch(urlOf(operation, {}), { headers: { authorization: `Bearer ${hub.adminToken}` }, signal: abort.signal });
    contract.check('streamChanges', { status: response.status, contentType: response.headers.get('content-type') ?? '', headers: response.headers, text: '', json: undefined });
    const reader = response.body!.getReader();
    await call('postEvents', 202, { body: makeEvent({ type: 'check.opened', source: 'OLO' }) });
    let text = '';
    const decoder = new TextDecoder();
    while (!/event: change\ndata: .*\n\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    abort.abort();
    expect(text.startsWith('retry: 2000\n\n')).toBe(true);
    const data = /event: change\ndata: (.*)\n\n/.exec(text)![1]!;
    contract.validateSchema({ $ref: '#/components/schemas/HubChange' }, JSON.parse(data), 'a change event\'s data');
  });

  it('every documented operation was called, and every status it documents was answered', () => {
    const missing: string[] = [];
    for (const operation of allOperations()) {
      const seen = contract.seen.get(operation.operationId) ?? new Set<number>();
      const exempt = SHOWN_ELSEWHERE[operation.operationId] ?? {};
      for (const status of Object.keys(operation.responses).map(Number)) {
        if (!seen.has(status) && !(status in exempt)) missing.push(`${operation.method} ${operation.path} (${operation.operationId}) ${status}`);
      }
    }
    expect(missing, 'documented but never answered by the real hub').toEqual([]);
    for (const [operationId, statuses] of Object.entries(SHOWN_ELSEWHERE)) {
      for (const status of Object.keys(statuses)) expect(contract.operation(operationId).responses, `${operationId} ${status} is exempted but not documented`).toHaveProperty(status);
    }
  });
});
