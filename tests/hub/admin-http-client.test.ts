// The browser's HubClient (renderer/src/client/http-client.ts) against a real hub's admin port:
// Bearer on every call, the live stream over fetch, and a wrong token ending the session.
import { describe, expect, it, vi } from 'vitest';
import { HubError } from '../../shared/client.ts';
import type { HubChange } from '../../shared/api.ts';
import { createHttpClient } from '../../renderer/src/client/http-client.ts';
import { postEvents, settingsFor } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();

async function adminHub() {
  const partner = await kit.receiver();
  const hub = await kit.hub({ adminPort: 0 });
  return { hub, partner, origin: new URL(hub.adminUrl!).origin };
}

describe('the browser client on a real admin port', () => {
  it('saves and reads settings, and hears live changes', async () => {
    const { hub, partner, origin } = await adminHub();
    const client = createHttpClient({ base: origin, token: hub.adminToken });
    const saved = await client.saveSettings(settingsFor(partner.url));
    expect(saved.hooks.update.url).toBe(`${partner.url}/update`);
    expect((await client.getSettings()).requestHeader.hasValue).toBe(true);

    const changes: HubChange[] = [];
    const unsubscribe = client.onChange((change) => changes.push(change));
    // The stream is open once an event posted now is heard; post until then (the first may beat the connection).
    await vi.waitFor(async () => {
      await postEvents(hub, makeEvent());
      expect(changes.some((change) => change.changed > 0)).toBe(true);
    }, { timeout: 10_000, interval: 200 });
    unsubscribe();
    expect((await client.listDeliveries({ limit: 10 })).items.length).toBeGreaterThan(0);
  });

  it('a wrong token is a 401 HubError and ends the session', async () => {
    const { origin } = await adminHub();
    const onUnauthorized = vi.fn();
    const client = createHttpClient({ base: origin, token: 'not-the-admin-token', onUnauthorized });
    const failure = await client.getStats().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HubError);
    expect(failure).toMatchObject({ status: 401, code: 'unauthorized' });
    const unsubscribe = client.onChange(() => {});
    await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalledTimes(2)); // the stream is refused too
    unsubscribe();
  });
});
