// What a partner receives (contract §4): the Standard Webhooks envelope around the POS data,
// unknown fields forwarded, the hub's headers, a webhook-id stable across retries, and a signature
// the public `standardwebhooks` package verifies — with both secrets during a rotation.
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { ManualClock, postEvents, settle } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import { modeSequence, type RecordedRequest } from '../support/test-receiver.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();

function signedHeaders(request: RecordedRequest, signature = request.headers['webhook-signature'] ?? '') {
  return { 'webhook-id': request.headers['webhook-id'] ?? '', 'webhook-timestamp': request.headers['webhook-timestamp'] ?? '', 'webhook-signature': signature };
}

function newSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
}

describe('the webhook a partner receives', () => {
  it('has the Standard Webhooks body with the POS data untouched, unknown fields included', async () => {
    const clock = new ManualClock(Date.now());
    const { hub, partner } = await kit.hubWithPartner({ clock });
    const base = makeEvent({ type: 'check.updated', source: 'POS' });
    const event = { ...base, loyalty: { tier: 'gold', points: 120 }, check: { ...base.check, seat: { id: 3, label: 'window' } } };
    expect((await postEvents(hub, event)).status).toBe(202);
    await settle(hub);

    const [request] = partner.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/update');
    const { type: _type, ...data } = event;
    expect(request?.json).toEqual({ type: 'order.updated', timestamp: new Date(clock.now()).toISOString(), data });
  });

  // Issue 9.9: the event is validated on a parsed copy but stored and forwarded as the POS's text,
  // so a 64-bit id, an exponent or a trailing zero arrives exactly as the POS wrote it.
  it('forwards every number digit for digit (an integer beyond 2^53, 1e400, 1.50), single and batched', async () => {
    const { hub, partner } = await kit.hubWithPartner();
    const withNumbers = (checkId: string) => JSON.stringify({ ...makeEvent({ check: { checkId } }), loyaltyId: 0, loyaltyRatio: 0, loyaltyRate: 0 })
      .replace('"loyaltyId":0', '"loyaltyId":9007199254740993').replace('"loyaltyRatio":0', '"loyaltyRatio":1e400').replace('"loyaltyRate":0', '"loyaltyRate":1.50');
    const single = await postEvents(hub, withNumbers('c-single'));
    expect(single.status, JSON.stringify(single.json)).toBe(202);
    expect((await postEvents(hub, `{"events": [\n  ${withNumbers('c-batch-1')},\n  ${withNumbers('c-batch-2')}\n]}`)).status).toBe(202);
    await settle(hub);
    expect(partner.requests).toHaveLength(3);
    for (const request of partner.requests) {
      expect(request.body).toContain('"loyaltyId":9007199254740993');
      expect(request.body).toContain('"loyaltyRatio":1e400');
      expect(request.body).toContain('"loyaltyRate":1.50');
      expect(request.body).not.toMatch(/"data":\{[^]*"type":"check\./); // the envelope's type only
    }
  });

  it('maps each event type to its order type', async () => {
    const { hub, partner } = await kit.hubWithPartner();
    const events = [
      makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId: 'c-1' } }),
      makeEvent({ type: 'check.updated', check: { checkId: 'c-2' } }),
      makeEvent({ type: 'check.closed', check: { checkId: 'c-3' } }),
    ];
    await postEvents(hub, { events });
    await settle(hub);
    const types = Object.fromEntries(partner.requests.map((r) => [r.path, (r.json as { type: string }).type]));
    expect(types).toEqual({ '/open': 'order.opened', '/update': 'order.updated', '/close': 'order.closed' });
  });

  it('carries content-type, user-agent with the version, webhook-id and the attempt time', async () => {
    const clock = new ManualClock(Date.now());
    const { hub, partner } = await kit.hubWithPartner({ clock });
    await postEvents(hub, makeEvent());
    await settle(hub);
    const headers = partner.requests[0]!.headers;
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(headers['user-agent']).toBe(`OrderWebhookHub/${hub.version}`);
    expect(headers['webhook-id']).toMatch(/^msg_\w+$/);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(clock.now() / 1000)));
    expect(headers['webhook-signature']).toBeUndefined(); // no signing secret set
  });

  it('keeps webhook-id across retries while webhook-timestamp follows each attempt', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, {
      mode: modeSequence({ kind: 'fail', status: 500 }, { kind: 'fail', status: 503 }, { kind: 'ok' }),
    });
    await postEvents(hub, makeEvent());
    const stamps: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await settle(hub);
      stamps.push(String(Math.floor(clock.now() / 1000)));
      clock.advance(60 * 60_000);
    }
    expect(partner.requests).toHaveLength(3);
    const ids = new Set(partner.requests.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(partner.requests.map((r) => r.headers['webhook-timestamp'])).toEqual(stamps);
    const [delivery] = (await hub.service.listDeliveries({})).items;
    expect(delivery?.webhookId).toBe([...ids][0]);
    expect(delivery?.state).toBe('delivered');
  });

  it('is signed so that standardwebhooks verifies it, and a wrong secret does not', async () => {
    const secret = newSecret();
    const clock = new ManualClock(Date.now());
    const { hub, partner } = await kit.hubWithPartner({ clock }, { signingSecret: secret });
    await postEvents(hub, makeEvent());
    await settle(hub);
    const request = partner.requests[0]!;
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(request.body, signedHeaders(request))).toEqual(request.json);
    expect(() => new Webhook(newSecret()).verify(request.body, signedHeaders(request))).toThrow();
    const tampered = request.body.replace('"order.updated"', '"order.closed"');
    expect(() => new Webhook(secret).verify(tampered, signedHeaders(request))).toThrow();
  });

  it('during a rotation sends both signatures, each verifying with its own secret; after 24 h only the new one', async () => {
    const oldSecret = newSecret();
    const clock = new ManualClock(Date.now());
    const { hub, partner } = await kit.hubWithPartner({ clock }, { signingSecret: oldSecret });
    const { value: newSecretValue } = await hub.service.rotateSigningSecret();
    expect(newSecretValue).not.toBe(oldSecret);

    await postEvents(hub, makeEvent());
    await settle(hub);
    const request = partner.requests[0]!;
    const parts = (request.headers['webhook-signature'] ?? '').split(' ');
    expect(parts).toHaveLength(2);
    const [first, second] = parts as [string, string];
    expect(() => new Webhook(newSecretValue).verify(request.body, signedHeaders(request, first))).not.toThrow();
    expect(() => new Webhook(oldSecret).verify(request.body, signedHeaders(request, second))).not.toThrow();
    expect(() => new Webhook(oldSecret).verify(request.body, signedHeaders(request, first))).toThrow();
    expect(() => new Webhook(newSecretValue).verify(request.body, signedHeaders(request, second))).toThrow();
    // A partner on either secret accepts the header as sent.
    expect(() => new Webhook(oldSecret).verify(request.body, signedHeaders(request))).not.toThrow();
    expect(() => new Webhook(newSecretValue).verify(request.body, signedHeaders(request))).not.toThrow();

    clock.advance(24 * 3_600_000 + 1_000);
    await postEvents(hub, makeEvent({ check: { checkId: 'c-later' } }));
    await settle(hub);
    const later = partner.requests[1]!;
    expect((later.headers['webhook-signature'] ?? '').split(' ')).toHaveLength(1);
  });

  it('rotating from no secret starts signing with one signature', async () => {
    const clock = new ManualClock(Date.now());
    const { hub, partner } = await kit.hubWithPartner({ clock }, { signingSecret: null });
    const { value } = await hub.service.rotateSigningSecret();
    await postEvents(hub, makeEvent());
    await settle(hub);
    const request = partner.requests[0]!;
    expect((request.headers['webhook-signature'] ?? '').split(' ')).toHaveLength(1);
    expect(() => new Webhook(value).verify(request.body, signedHeaders(request))).not.toThrow();
  });
});
