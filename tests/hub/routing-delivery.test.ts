// Every row of the routing table end to end (POS → hub → partner over real HTTP), on and off:
// the event goes to the URL of its hook when on; when off it is still stored but nothing is sent.
import { describe, expect, it } from 'vitest';
import { postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import type { EventSource, EventType } from '../../shared/event.ts';
import type { SettingsInput } from '../../shared/settings.ts';
import { countRows, eventIdOf, useHubs } from './hub-kit.ts';

const kit = useHubs();

interface Toggles { open: boolean; update: boolean; close: boolean; thirdParty: boolean }

async function sendOne(type: EventType, source: EventSource, toggles: Toggles) {
  const partner = await kit.receiver();
  const hub = await kit.hub();
  const base = settingsFor(partner.url);
  const input: SettingsInput = {
    ...base,
    hooks: {
      open: { ...base.hooks.open, enabled: toggles.open },
      update: { ...base.hooks.update, enabled: toggles.update },
      close: { ...base.hooks.close, enabled: toggles.close },
    },
    thirdPartyOrders: toggles.thirdParty,
  };
  await hub.service.saveSettings(input);
  const event = makeEvent({ type, source });
  const answer = await postEvents(hub, event);
  expect(answer.status).toBe(202);
  expect(answer.json).toEqual({ accepted: 1, duplicates: 0 });
  await settle(hub);
  return { partner, hub, event };
}

const ALL_ON: Toggles = { open: true, update: true, close: true, thirdParty: true };
const ALL_OFF: Toggles = { open: false, update: false, close: false, thirdParty: false };

const rows: { name: string; type: EventType; source: EventSource; on: Toggles; off: Toggles; path: string }[] = [
  { name: 'check.opened from OLO → Open URL iff Open is YES', type: 'check.opened', source: 'OLO',
    on: { ...ALL_OFF, open: true }, off: { ...ALL_ON, open: false }, path: '/open' },
  { name: 'check.opened from POS → Open URL iff 3rd Order Web Hooks is Active (Open toggle NO)', type: 'check.opened', source: 'POS',
    on: { ...ALL_OFF, thirdParty: true }, off: { ...ALL_ON, thirdParty: false }, path: '/open' },
  { name: 'check.updated from POS → Update URL iff Update is YES', type: 'check.updated', source: 'POS',
    on: { ...ALL_OFF, update: true }, off: { ...ALL_ON, update: false }, path: '/update' },
  { name: 'check.updated from OLO → Update URL iff Update is YES', type: 'check.updated', source: 'OLO',
    on: { ...ALL_OFF, update: true }, off: { ...ALL_ON, update: false }, path: '/update' },
  { name: 'check.closed from POS → Close URL iff Close is YES', type: 'check.closed', source: 'POS',
    on: { ...ALL_OFF, close: true }, off: { ...ALL_ON, close: false }, path: '/close' },
  { name: 'check.closed from OLO → Close URL iff Close is YES', type: 'check.closed', source: 'OLO',
    on: { ...ALL_OFF, close: true }, off: { ...ALL_ON, close: false }, path: '/close' },
];

describe('routing over real HTTP', () => {
  for (const row of rows) {
    describe(row.name, () => {
      it('on: exactly one webhook, to the hook URL', async () => {
        const { partner, hub, event } = await sendOne(row.type, row.source, row.on);
        expect(partner.requests.map((r) => r.path)).toEqual([row.path]);
        expect(eventIdOf(partner.requests[0]!)).toBe(event.eventId);
        const [delivery] = (await hub.service.listDeliveries({})).items;
        expect(delivery?.state).toBe('delivered');
      });

      it('off (everything else on): the event is stored, no delivery, nothing sent', async () => {
        const { partner, hub } = await sendOne(row.type, row.source, row.off);
        expect(countRows(hub, 'events')).toBe(1);
        expect(countRows(hub, 'deliveries')).toBe(0);
        expect(partner.requests).toEqual([]);
      });
    });
  }

  it('a POS check.opened with 3rd party YES goes to Open even when the Open toggle is NO, and an OLO one does not', async () => {
    const { partner, hub } = await sendOne('check.opened', 'POS', { ...ALL_ON, open: false });
    const olo = makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId: 'c-olo' } });
    expect((await postEvents(hub, olo)).status).toBe(202);
    await settle(hub);
    expect(partner.requests.map((r) => r.path)).toEqual(['/open']);
    expect(countRows(hub, 'events')).toBe(2);
  });
});
