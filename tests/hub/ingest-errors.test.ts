// Every ingest error (contract §3) answers the JSON error document and stores nothing; a batch is
// all or nothing. Also the unauthenticated health check.
import { describe, expect, it } from 'vitest';
import { postEvents, settle } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import type { TestHub } from '../support/hub-fixture.ts';
import { countRows, useHubs } from './hub-kit.ts';

const kit = useHubs();

interface ErrorDoc { error: { code: string; message: string; details: { path: string; message: string }[] } }

function expectNothingStored(hub: TestHub) {
  expect(countRows(hub, 'events')).toBe(0);
  expect(countRows(hub, 'deliveries')).toBe(0);
}

function errorOf(json: unknown): ErrorDoc['error'] {
  const doc = json as ErrorDoc;
  expect(typeof doc.error.code).toBe('string');
  expect(typeof doc.error.message).toBe('string');
  expect(Array.isArray(doc.error.details)).toBe(true);
  return doc.error;
}

describe('ingest errors', () => {
  it('a batch with one invalid event → 400 naming the bad field, and nothing of the batch is stored', async () => {
    const { hub, partner } = await kit.hubWithPartner();
    const bad = makeEvent({ check: { checkId: 'c-3' } }) as unknown as { check: Record<string, unknown> };
    delete bad.check.checkId;
    const events = [makeEvent({ check: { checkId: 'c-1' } }), makeEvent({ check: { checkId: 'c-2' } }), bad, makeEvent({ check: { checkId: 'c-4' } })];
    const answer = await postEvents(hub, JSON.stringify({ events }));
    expect(answer.status).toBe(400);
    const error = errorOf(answer.json);
    expect(error.details.map((d) => d.path)).toEqual(['events.2.check.checkId']);
    await settle(hub);
    expectNothingStored(hub);
    expect(partner.requests).toEqual([]);
  });

  it('400 for a schema error lists every bad field', async () => {
    const hub = await kit.hub();
    const event = { ...makeEvent(), type: 'check.reopened', source: 'KIOSK', occurredAt: 'yesterday' } as Record<string, unknown>;
    event.check = { ...(event.check as object), checkNumber: '', total: 12.5 };
    delete event.eventId;
    const answer = await postEvents(hub, JSON.stringify(event));
    expect(answer.status).toBe(400);
    const paths = errorOf(answer.json).details.map((d) => d.path).sort();
    expect(paths).toEqual(['check.checkNumber', 'check.total', 'eventId', 'occurredAt', 'source', 'type']);
    expectNothingStored(hub);
  });

  it('400 for an empty batch, a batch of more than 500, and a body that is not an object', async () => {
    const hub = await kit.hub();
    expect((await postEvents(hub, { events: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 501 }, (_, i) => makeEvent({ check: { checkId: `c-${i}` } }));
    const answer = await postEvents(hub, { events: tooMany });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json).details.map((d) => d.path)).toContain('events');
    expect((await postEvents(hub, JSON.stringify([makeEvent()]))).status).toBe(400);
    expect((await postEvents(hub, '"check.opened"')).status).toBe(400);
    expectNothingStored(hub);
  });

  it('400 for invalid JSON', async () => {
    const hub = await kit.hub();
    const answer = await postEvents(hub, '{"eventId": "x", ');
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json).code).toBe('invalid_json');
    expectNothingStored(hub);
  });

  it('400 for JSON nested deeper than 64 levels, even inside an otherwise valid event', async () => {
    const hub = await kit.hub();
    const event = makeEvent();
    const deep = `${'['.repeat(70)}${']'.repeat(70)}`;
    const text = JSON.stringify({ ...event, check: { ...event.check, note: '__DEEP__' } }).replace('"__DEEP__"', deep);
    const answer = await postEvents(hub, text);
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json).message).toMatch(/64/);
    expectNothingStored(hub);
  });

  it('accepts nesting of exactly 64 levels', async () => {
    const hub = await kit.hub();
    const event = makeEvent();
    // event (1) > check (2) > note: 62 more levels = 64.
    const text = JSON.stringify({ ...event, check: { ...event.check, note: '__DEEP__' } }).replace('"__DEEP__"', `${'['.repeat(62)}${']'.repeat(62)}`);
    expect((await postEvents(hub, text)).status).toBe(202);
  });

  it('401 without a token and with a wrong one', async () => {
    const hub = await kit.hub();
    const event = JSON.stringify(makeEvent());
    const missing = await fetch(hub.ingestUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: event });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/Bearer/);
    errorOf(await missing.json());
    const wrong = await postEvents(hub, event, { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.json).code).toBe('unauthorized');
    expectNothingStored(hub);
  });

  it('after the POS token is regenerated the old one gets 401 and the new one is accepted', async () => {
    const hub = await kit.hub();
    const old = hub.posToken;
    const { value } = await hub.service.regeneratePosToken();
    expect(value).not.toBe(old);
    expect((await postEvents(hub, makeEvent(), { authorization: `Bearer ${old}` })).status).toBe(401);
    expect((await postEvents(hub, makeEvent(), { authorization: `Bearer ${value}` })).status).toBe(202);
  });

  it('413 for a body over 1 MiB, with a Content-Length and streamed without one', async () => {
    const hub = await kit.hub();
    const event = makeEvent();
    const big = JSON.stringify({ ...event, check: { ...event.check, note: 'x'.repeat(1024 * 1024) } });
    const declared = await postEvents(hub, big);
    expect(declared.status).toBe(413);
    expect(errorOf(declared.json).code).toBe('payload_too_large');

    const bytes = Buffer.from(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await fetch(hub.ingestUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.posToken}` }, body: stream, duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(streamed.status).toBe(413);
    expectNothingStored(hub);
  });

  it('accepts a body just under 1 MiB', async () => {
    const hub = await kit.hub();
    const event = makeEvent();
    const base = JSON.stringify({ ...event, check: { ...event.check, note: '' } });
    const text = JSON.stringify({ ...event, check: { ...event.check, note: 'x'.repeat(1024 * 1024 - Buffer.byteLength(base)) } });
    expect(Buffer.byteLength(text)).toBe(1024 * 1024);
    expect((await postEvents(hub, text)).status).toBe(202);
  });

  it('415 when the body is not declared as JSON', async () => {
    const hub = await kit.hub();
    const answer = await postEvents(hub, JSON.stringify(makeEvent()), { 'content-type': 'text/plain' });
    expect(answer.status).toBe(415);
    expect(errorOf(answer.json).code).toBe('unsupported_media_type');
    expectNothingStored(hub);
  });

  it('404 for an unknown path and 405 for a wrong method', async () => {
    const hub = await kit.hub();
    const origin = new URL(hub.ingestUrl).origin;
    const unknown = await fetch(`${origin}/v1/orders`, { method: 'POST', headers: { authorization: `Bearer ${hub.posToken}` } });
    expect(unknown.status).toBe(404);
    errorOf(await unknown.json());
    const wrongMethod = await fetch(hub.ingestUrl, { headers: { authorization: `Bearer ${hub.posToken}` } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    errorOf(await wrongMethod.json());
    expectNothingStored(hub);
  });

  it('GET /v1/health answers without a token', async () => {
    const hub = await kit.hub();
    const res = await fetch(`${new URL(hub.ingestUrl).origin}/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: hub.version });
    expect(hub.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
