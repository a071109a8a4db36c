// The partner's API key (contract §2/§4): sent under the configured header name on every attempt,
// but masked wherever a person can see it — the attempt log, the delivery detail, the settings view.
import { describe, expect, it } from 'vitest';
import { ManualClock, postEvents, settle } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import { modeSequence } from '../support/test-receiver.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();
const KEY_VALUE = 'sk_live_9f8e7d6c5b4a39281706';

describe('the API key header', () => {
  it('is sent with the configured name and value on every attempt and masked in the attempt log', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, { requestHeader: { name: 'X-Partner-Key', value: KEY_VALUE } }, {
      mode: modeSequence({ kind: 'fail', status: 502 }, { kind: 'ok' }),
    });
    await postEvents(hub, makeEvent());
    await settle(hub);
    clock.advance(60 * 60_000);
    await settle(hub);

    expect(partner.requests.map((r) => r.headers['x-partner-key'])).toEqual([KEY_VALUE, KEY_VALUE]);
    const [listed] = (await hub.service.listDeliveries({})).items;
    const detail = await hub.service.getDelivery(listed!.id);
    expect(detail.attemptLog).toHaveLength(2);
    for (const attempt of detail.attemptLog) {
      const recorded = attempt.requestHeaders['X-Partner-Key'] ?? attempt.requestHeaders['x-partner-key'];
      expect(recorded).toBeDefined();
      expect(recorded).not.toBe(KEY_VALUE);
      expect(recorded?.endsWith(KEY_VALUE.slice(-4))).toBe(true);
    }
    expect(JSON.stringify(detail)).not.toContain(KEY_VALUE);
    expect(JSON.stringify(await hub.service.listDeliveries({}))).not.toContain(KEY_VALUE);
    expect(JSON.stringify(await hub.service.getSettings())).not.toContain(KEY_VALUE);
    expect(JSON.stringify(hub.internals.db.prepare('SELECT * FROM attempts').all())).not.toContain(KEY_VALUE);
  });

  it('a changed key is used by the next attempt of a waiting delivery', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, { requestHeader: { name: 'X-API-Key', value: 'old-key-value-000000' } }, {
      mode: (request) => (request.headers['x-api-key'] === KEY_VALUE ? { kind: 'ok' } : { kind: 'fail', status: 503 }),
    });
    await postEvents(hub, makeEvent());
    await settle(hub);
    const current = await hub.service.getSettings();
    await hub.service.saveSettings({ ...current, requestHeader: { name: 'X-API-Key', value: KEY_VALUE }, signingSecret: undefined });
    await settle(hub); // no clock advance: saving the key retries at once
    expect(partner.requests.map((r) => r.headers['x-api-key'])).toEqual(['old-key-value-000000', KEY_VALUE]);
    expect((await hub.service.listDeliveries({})).items[0]?.state).toBe('delivered');
  });

  it('is not sent when the header name is empty', async () => {
    const { hub, partner } = await kit.hubWithPartner({}, { requestHeader: { name: '', value: KEY_VALUE } });
    await postEvents(hub, makeEvent());
    await settle(hub);
    expect(partner.requests).toHaveLength(1);
    expect(JSON.stringify(partner.requests[0]!.headers)).not.toContain(KEY_VALUE);
  });

  it('is masked in a partner answer that echoes it, while an answer that merely ends like it is kept as sent', async () => {
    const { hub, partner } = await kit.hubWithPartner({}, { requestHeader: { name: 'X-API-Key', value: KEY_VALUE } }, {
      mode: (request) => (request.path === '/update'
        ? { kind: 'fail', status: 401, body: `bad key ${request.headers['x-api-key'] ?? ''}` }
        : { kind: 'ok', body: 'accepted, thanks sk_live' }),
    });
    await postEvents(hub, { events: [makeEvent({ check: { checkId: 'c-1' } }), makeEvent({ type: 'check.closed', check: { checkId: 'c-2' } })] });
    await settle(hub);
    const items = (await hub.service.listDeliveries({})).items;
    const echoed = await hub.service.getDelivery(items.find((d) => d.hook === 'update')!.id);
    expect(echoed.attemptLog[0]?.responseBody).toMatch(/^bad key /);
    expect(JSON.stringify(echoed)).not.toContain(KEY_VALUE);
    const plain = await hub.service.getDelivery(items.find((d) => d.hook === 'close')!.id);
    expect(plain.attemptLog[0]?.responseBody).toBe('accepted, thanks sk_live');
  });
});
