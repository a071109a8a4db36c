// Issue 5 (5): bad input to the ingest API (a corpus plus property-based mutations of a valid
// event) and to the admin API. Every bad request gets the contract's 4xx with a useful error
// document, nothing is stored, and the hub keeps serving. Runs against the real hub process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { eventBatchSchema, posEventSchema } from '../../shared/event.ts';
import { zodDetails, type ErrorBody } from '../../shared/errors.ts';
import { makeEvent } from '../support/events.ts';
import { startHubProcess, type HubProcess } from '../support/hub-process.ts';
import { settingsFor } from '../support/hub-fixture.ts';
import { adminCall, withOutbox } from '../support/reliability-kit.ts';

let hub: HubProcess;
let badTried = 0;
let fuzzRuns = 0;
let acceptedByUs = 0;

beforeAll(async () => { hub = await startHubProcess(); });
afterAll(async () => {
  console.log(`bad-input: ${badTried} bad requests tried, ${fuzzRuns} fuzz runs, ${acceptedByUs} valid events stored`);
  expect(await hub.stop()).toBe(0);
});

const storedCount = () => withOutbox(hub.dataDir, (db) => db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number);

interface Answer { status: number; headers: http.IncomingHttpHeaders; text: string; json: unknown }

/** A raw request (any bytes, any headers), so nothing is normalised on the way. */
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'POST', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const ingest = (body: string | Buffer, headers: Record<string, string> = {}) => request(hub.ingestUrl, {
  headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.posToken}`, ...headers }, body,
});

function expectError(answer: Answer, status: number, code?: string): ErrorBody['error'] {
  expect(answer.status, answer.text).toBe(status);
  const error = (answer.json as ErrorBody).error;
  expect(error.message.length).toBeGreaterThan(10);
  expect(Array.isArray(error.details)).toBe(true);
  if (code) expect(error.code).toBe(code);
  return error;
}

const valid = () => makeEvent();
const text = (value: unknown) => JSON.stringify(value);
const nested = (levels: number): unknown => (levels === 0 ? 1 : { n: nested(levels - 1) });
function without(path: string[]): string {
  const event = valid() as Record<string, unknown>;
  let node = event;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  delete node[path[path.length - 1]!];
  return text(event);
}
function withValue(path: string[], value: unknown): string {
  const event = structuredClone(valid()) as Record<string, unknown>;
  let node = event;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
  return text(event);
}

/** [name, body, status, code, a detail path that must be listed] */
type Case = [string, string | Buffer, number, string, string?];
const corpus = (): Case[] => [
  ['malformed JSON', '{"eventId": "a",', 400, 'invalid_json'],
  ['trailing garbage', `${text(valid())} x`, 400, 'invalid_json'],
  ['empty body', '', 400, 'invalid_json'],
  ['null', 'null', 400, 'invalid_event'],
  ['a number', '42', 400, 'invalid_event'],
  ['a string', '"check.updated"', 400, 'invalid_event'],
  ['a bare array of events', text([valid()]), 400, 'invalid_event'],
  ['eventId a number', withValue(['eventId'], 193), 400, 'invalid_event', 'eventId'],
  ['eventId empty', withValue(['eventId'], ''), 400, 'invalid_event', 'eventId'],
  ['eventId 129 chars', withValue(['eventId'], 'e'.repeat(129)), 400, 'invalid_event', 'eventId'],
  ['unknown type', withValue(['type'], 'check.deleted'), 400, 'invalid_event', 'type'],
  ['unknown source', withValue(['source'], 'WEB'), 400, 'invalid_event', 'source'],
  ['occurredAt not RFC 3339', withValue(['occurredAt'], '27/11/2026 19:04'), 400, 'invalid_event', 'occurredAt'],
  ['occurredAt a date only', withValue(['occurredAt'], '2026-11-27'), 400, 'invalid_event', 'occurredAt'],
  ['occurredAt a number', withValue(['occurredAt'], 1764270251120), 400, 'invalid_event', 'occurredAt'],
  ['check a string', withValue(['check'], 'c-7781'), 400, 'invalid_event', 'check'],
  ['check null', withValue(['check'], null), 400, 'invalid_event', 'check'],
  ['checkId a number', withValue(['check', 'checkId'], 7781), 400, 'invalid_event', 'check.checkId'],
  ['items an object', withValue(['check', 'items'], { l1: {} }), 400, 'invalid_event', 'check.items'],
  ['money as a float', withValue(['check', 'total'], 28.1), 400, 'invalid_event', 'check.total'],
  ['money as a string', withValue(['check', 'total'], '2810'), 400, 'invalid_event', 'check.total'],
  ['quantity as a string', text({ ...valid(), check: { ...valid().check, items: [{ lineId: 'l1', quantity: '2' }] } }), 400, 'invalid_event', 'check.items.0.quantity'],
  ['guestCount negative', withValue(['check', 'guestCount'], -1), 400, 'invalid_event', 'check.guestCount'],
  ['currency not 3 letters', withValue(['check', 'currency'], 'DOLLAR'), 400, 'invalid_event', 'check.currency'],
  ['changes not an array', withValue(['changes'], 'ITEM_ADDED'), 400, 'invalid_event', 'changes'],
  ['storeId empty', withValue(['storeId'], ''), 400, 'invalid_event', 'storeId'],
  ['missing eventId', without(['eventId']), 400, 'invalid_event', 'eventId'],
  ['missing type', without(['type']), 400, 'invalid_event', 'type'],
  ['missing source', without(['source']), 400, 'invalid_event', 'source'],
  ['missing occurredAt', without(['occurredAt']), 400, 'invalid_event', 'occurredAt'],
  ['missing check', without(['check']), 400, 'invalid_event', 'check'],
  ['missing checkId', without(['check', 'checkId']), 400, 'invalid_event', 'check.checkId'],
  ['missing checkNumber', without(['check', 'checkNumber']), 400, 'invalid_event', 'check.checkNumber'],
  ['events empty', text({ events: [] }), 400, 'invalid_event', 'events'],
  ['events over 500', text({ events: Array.from({ length: 501 }, () => makeEvent({ changes: [], check: { items: [] } })) }), 400, 'invalid_event', 'events'],
  ['events not an array', text({ events: valid() }), 400, 'invalid_event', 'events'],
  ['one bad event in a batch', text({ events: [valid(), valid(), { ...valid(), check: { checkNumber: '1' } }, valid()] }), 400, 'invalid_event', 'events.2.check.checkId'],
  ['a batch with an extra field', text({ events: [valid()], replay: true }), 400, 'invalid_event'],
  ['2 MB body', text({ ...valid(), note: 'x'.repeat(2 * 1024 * 1024) }), 413, 'payload_too_large'],
  ['65 levels deep', text({ ...valid(), deep: nested(64) }), 400, 'invalid_json'],
  ['1000 levels deep', '['.repeat(1000) + ']'.repeat(1000), 400, 'invalid_json'],
  ['invalid UTF-8', Buffer.concat([Buffer.from('{"eventId":"pos-'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(`",${text(valid()).slice(1).replace(/"eventId":"[^"]*",/, '')}`)]), 400, 'invalid_json'],
  ['overlong UTF-8', Buffer.concat([Buffer.from('{"note":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), 400, 'invalid_json'],
  ['__proto__ at the top', `{"__proto__": {"polluted": true}, ${text(valid()).slice(1)}`, 400, 'invalid_json'],
  ['__proto__ in the check', text(valid()).replace('"checkId"', '"__proto__": {"total": "x"}, "checkId"'), 400, 'invalid_json'],
  ['__proto__ spelled with escapes', `{"\\u005f_proto__": {"polluted": true}, ${text(valid()).slice(1)}`, 400, 'invalid_json'],
];

describe('ingest API: a corpus of bad requests', () => {
  it('answers each with the right 4xx and a useful error document, storing nothing', { timeout: 60_000 }, async () => {
    const before = storedCount();
    for (const [name, body, status, code, path] of corpus()) {
      const answer = await ingest(body);
      const error = expectError(answer, status, code);
      if (path) expect(error.details.map((d) => d.path), name).toContain(path);
      if (code === 'invalid_event') expect(error.details.length, name).toBeGreaterThan(0);
      badTried += 1;
    }
    // Every bad field is listed, not only the first.
    const many = expectError(await ingest(text({ ...valid(), type: 'x', source: 'y', check: { checkId: 1 } })), 400, 'invalid_event');
    expect(many.details.map((d) => d.path)).toEqual(expect.arrayContaining(['type', 'source', 'check.checkId', 'check.checkNumber']));
    badTried += 1;
    expect(storedCount()).toBe(before);
  });

  it('64 levels of nesting are still fine (the limit is "deeper than 64")', async () => {
    const answer = await ingest(text({ ...valid(), deep: nested(62) })); // the event object itself is level 1
    expect(answer.status, answer.text).toBe(202);
    acceptedByUs += 1;
  });

  it('a 2 MB body sent chunked (no Content-Length) is refused with 413 too', async () => {
    const before = storedCount();
    const answer = await request(hub.ingestUrl, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.posToken}`, 'transfer-encoding': 'chunked' },
      body: text({ ...valid(), note: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expectError(answer, 413, 'payload_too_large');
    badTried += 1;
    expect(storedCount()).toBe(before);
  });

  it('keeps constructor.prototype as plain forwarded data, without touching any prototype', async () => {
    const event = valid();
    const answer = await ingest(`{"constructor": {"prototype": {"polluted": true}}, ${text(event).slice(1)}`);
    expect(answer.status, answer.text).toBe(202);
    acceptedByUs += 1;
    const body = withOutbox(hub.dataDir, (db) => db.prepare('SELECT body FROM events WHERE event_id = ?').pluck().get(event.eventId) as string);
    expect(JSON.parse(body)).toMatchObject({ constructor: { prototype: { polluted: true } } });
    expect((await ingest(text(valid()))).status).toBe(202); // and the next one is ordinary
    acceptedByUs += 1;
  });

  it('refuses wrong media types, methods, paths and tokens', async () => {
    const before = storedCount();
    const body = text(valid());
    const cases: [Promise<Answer>, number, string][] = [
      [ingest(body, { 'content-type': 'text/plain' }), 415, 'unsupported_media_type'],
      [request(hub.ingestUrl, { headers: { authorization: `Bearer ${hub.posToken}` }, body }), 415, 'unsupported_media_type'],
      [ingest(body, { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type'],
      [ingest(body, { authorization: '' }), 401, 'unauthorized'],
      [ingest(body, { authorization: 'Bearer wrong-token' }), 401, 'unauthorized'],
      [ingest(body, { authorization: `Bearer ${hub.posToken}x` }), 401, 'unauthorized'],
      [ingest(body, { authorization: `Basic ${Buffer.from(`pos:${hub.posToken}`).toString('base64')}` }), 401, 'unauthorized'],
      [ingest(body, { authorization: `Bearer ${hub.adminToken}` }), 401, 'unauthorized'],
      [request(hub.ingestUrl, { method: 'GET', headers: { authorization: `Bearer ${hub.posToken}` } }), 405, 'method_not_allowed'],
      [request(hub.ingestUrl.replace('/v1/events', '/v1/event'), { headers: { authorization: `Bearer ${hub.posToken}` }, body }), 404, 'not_found'],
    ];
    for (const [pending, status, code] of cases) {
      const answer = await pending;
      expectError(answer, status, code);
      if (status === 401) expect(answer.headers['www-authenticate']).toBe('Bearer');
      badTried += 1;
    }
    expect(storedCount()).toBe(before);
  });

  it('refuses CR/LF smuggled into request headers before anything runs', async () => {
    const { port } = new URL(hub.ingestUrl);
    const body = text(valid());
    const before = storedCount();
    const auth = `Authorization: Bearer ${hub.posToken}`;
    for (const header of [`${auth}\rX-Injected: 1`, `${auth}\r\nX-Note: a\r\n\tfolded`, `${auth}\nX-Injected: 1\r`, `${auth}\0`]) {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.end(`POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${header}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
        });
        let answer = '';
        socket.on('data', (c: Buffer) => { answer += c.toString(); });
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
      expect(raw, JSON.stringify(header)).toMatch(/^HTTP\/1\.1 400 /);
      badTried += 1;
    }
    expect(storedCount()).toBe(before);
    expect((await fetch(hub.ingestUrl.replace('/v1/events', '/v1/health'))).status).toBe(200);
  });
});

/** What the hub must answer for a body, from the published schema (and the JSON rules of §3). */
function expectedFor(body: string): { status: 202 } | { status: 400; details?: { path: string; message: string }[] } {
  let protoKey = false;
  const parsed: unknown = JSON.parse(body, (key, value: unknown) => { if (key === '__proto__') protoKey = true; return value; });
  if (protoKey) return { status: 400 };
  const isBatch = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'events' in parsed;
  const result = (isBatch ? eventBatchSchema : posEventSchema).safeParse(parsed);
  return result.success ? { status: 202 } : { status: 400, details: zodDetails(result.error) };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside the event (objects and arrays), the root excluded. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

type Mutation = { kind: 'delete' | 'set' | 'add'; pick: number; value: Json; key: string };

function mutate(base: Json, mutations: Mutation[]): Json {
  const doc = structuredClone(base);
  for (const m of mutations) {
    const paths = pathsOf(doc);
    if (paths.length === 0) break;
    const path = paths[m.pick % paths.length]!;
    let parent = doc as Record<string | number, Json>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
    const last = path[path.length - 1]!;
    const target = parent[last];
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (m.kind === 'add' && target !== null && typeof target === 'object' && !Array.isArray(target)) {
      (target as Record<string, Json>)[m.key] = m.value;
    } else {
      parent[last] = m.value;
    }
  }
  return doc;
}

describe('ingest API: property-based mutations of a valid event', () => {
  it('answers 202 exactly when the mutated event is still valid, else 400 listing what is wrong', { timeout: 90_000 }, async () => {
    const before = storedCount();
    let accepted = 0;
    // Values near the schema's types: the same field as a string/number, empty, null, too long…
    const nearValue = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
      fc.constantFrom<Json>('', '2810', '12.5', 'check.closed', 'OLO', '2026-11-27T19:04:11Z', 0, -1, 1.5, 2810, null, true, [], {}, 'x'.repeat(300)),
    );
    const mutation = fc.record({
      kind: fc.constantFrom<Mutation['kind']>('delete', 'set', 'set', 'add'),
      pick: fc.nat(),
      value: nearValue,
      key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('checkId', 'events', 'items', 'constructor', 'toString', '__proto__')),
    });
    await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
      fuzzRuns += 1;
      const doc = mutate(makeEvent() as unknown as Json, mutations);
      const body = JSON.stringify(doc);
      const expected = expectedFor(body);
      const answer = await ingest(body);
      if (expected.status === 202) {
        expect(answer.status, answer.text).toBe(202);
        const result = answer.json as { accepted: number; duplicates: number };
        expect(result.accepted + result.duplicates).toBe(1);
        accepted += result.accepted;
      } else {
        const error = expectError(answer, 400);
        if (expected.details) {
          expect(error.code).toBe('invalid_event');
          expect(error.details).toEqual(expected.details);
        }
        badTried += 1;
      }
    }), { numRuns: 400, seed: Number(process.env.RELIABILITY_SEED ?? 5) });
    expect(storedCount()).toBe(before + accepted);
    acceptedByUs += accepted;
  });

  it('never answers anything but a 4xx to arbitrary bytes, and stays healthy', { timeout: 60_000 }, async () => {
    const before = storedCount();
    await fc.assert(fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.string({ maxLength: 512 }).map((s) => Buffer.from(s))), async (bytes) => {
      fuzzRuns += 1;
      const answer = await ingest(Buffer.from(bytes));
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      badTried += 1;
    }), { numRuns: 200, seed: 5 });
    expect(storedCount()).toBe(before);
    const health = await fetch(hub.ingestUrl.replace('/v1/events', '/v1/health'));
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });
});

describe('admin API refuses what is not the manager on this PC', () => {
  const admin = (path: string, headers: Record<string, string>, method = 'GET', body?: string) =>
    request(`${hub.adminOrigin}${path}`, { method, headers, body });

  it('no token, a wrong token, a foreign Host, a cross-origin Origin or a cross-site fetch → 401/403', async () => {
    const { host } = new URL(hub.adminOrigin);
    const auth = { authorization: `Bearer ${hub.adminToken}` };
    expect((await admin('/api/settings', auth)).status).toBe(200); // control
    const cases: [Record<string, string>, number][] = [
      [{}, 401],
      [{ authorization: 'Bearer wrong' }, 401],
      [{ authorization: `Bearer ${hub.posToken}` }, 401],
      [{ cookie: 'owh_admin=wrong' }, 401],
      [{ ...auth, host: 'evil.example' }, 403],
      [{ ...auth, host: `evil.example:${new URL(hub.adminOrigin).port}` }, 403],
      [{ ...auth, host: `192.168.1.20:${new URL(hub.adminOrigin).port}` }, 403],
      [{ ...auth, origin: 'http://evil.example' }, 403],
      [{ ...auth, origin: `https://${host}` }, 403],
      [{ ...auth, origin: 'null' }, 403],
      [{ ...auth, 'sec-fetch-site': 'cross-site' }, 403],
    ];
    for (const [headers, status] of cases) {
      for (const [method, path] of [['GET', '/api/settings'], ['POST', '/api/pos-token/reveal'], ['POST', '/api/signing-secret/rotate']] as const) {
        const answer = await admin(path, headers, method);
        expectError(answer, status);
        expect(answer.text).not.toContain(hub.posToken);
        badTried += 1;
      }
    }
  });

  it('settings with CR/LF in the header value, a bad header name or bad URLs → 400 per field, nothing saved', async () => {
    const before = await adminCall(hub, 'GET', '/api/settings');
    const base = settingsFor('https://partner.example');
    const cases: [unknown, string][] = [
      [{ ...base, requestHeader: { name: 'X-API-Key', value: 'abc\r\nX-Injected: 1' } }, 'requestHeader.value'],
      [{ ...base, requestHeader: { name: 'X-API-Key', value: 'abc\nX' } }, 'requestHeader.value'],
      [{ ...base, requestHeader: { name: 'X-API-Key', value: 'abc\0' } }, 'requestHeader.value'],
      [{ ...base, requestHeader: { name: 'X-API-Key: x', value: 'abc' } }, 'requestHeader.name'],
      [{ ...base, requestHeader: { name: 'X-API-Key\r\nX-Injected', value: 'abc' } }, 'requestHeader.name'],
      [{ ...base, hooks: { ...base.hooks, open: { url: 'javascript:alert(1)', enabled: true } } }, 'hooks.open.url'],
      [{ ...base, hooks: { ...base.hooks, close: { url: '', enabled: true } } }, 'hooks.close.url'],
      [{ ...base, hooks: { ...base.hooks, update: { url: 'https://user:pw@partner.example/x', enabled: true } } }, 'hooks.update.url'],
      [{ ...base, signingSecret: 'whsec_short' }, 'signingSecret'],
      [{ ...base, retry: { maxAgeHours: 0 } }, 'retry.maxAgeHours'],
      [{ ...base, thirdPartyOrders: 'yes' }, 'thirdPartyOrders'],
    ];
    for (const [input, path] of cases) {
      const answer = await adminCall(hub, 'PUT', '/api/settings', input);
      expect(answer.status, answer.text).toBe(400);
      expect((answer.json as ErrorBody).error.details.map((d) => d.path)).toContain(path);
      badTried += 1;
    }
    expect((await adminCall(hub, 'GET', '/api/settings')).json).toEqual(before.json);
  });
});
