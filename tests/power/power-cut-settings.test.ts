// Issue 11, config.json: a settings save the manager was told succeeded, and a POS token that was
// regenerated (and typed into the POS), must survive a power cut; a save the cut interrupts
// leaves the settings before it or after it, whole. The hub process runs on the forgetful fs.
//
// A regression test: it failed on 658782f, where settings-store.ts wrote config.json through conf
// alone — `atomically`'s temp file, fsync, rename, and no fsync of the folder — so a power cut
// brought the previous config.json back: the partner's new API key and the new POS token were
// gone (the POS, on the new token, got 401 for everything). It passes since settings-store.ts
// fsyncs the folder after each of conf's writes (durable-file.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskSecret } from '../../shared/mask.ts';
import type { SettingsView } from '../../shared/settings.ts';
import { forgetfulFsUnavailable, mountForgetfulFs, type ForgetfulMount } from '../support/forgetful-mount.ts';
import { postEvents, settingsFor } from '../support/hub-fixture.ts';
import { startHubProcess, type HubProcess } from '../support/hub-process.ts';
import { makeEvent, seededRandom } from '../support/events.ts';
import { adminCall, restartHub, saveSettings } from '../support/reliability-kit.ts';

const unavailable = await forgetfulFsUnavailable();

describe.skipIf(unavailable !== null)(`config.json through power cuts${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let disk: ForgetfulMount | null = null;
  let hub: HubProcess | null = null;
  afterAll(async () => {
    await hub?.kill();
    await disk?.close();
  });

  async function cutAndRestart(): Promise<HubProcess> {
    const current = hub!;
    await disk!.powerCut(() => current.kill());
    // Never empty, never half: whatever the disk kept parses.
    expect(() => JSON.parse(readFileSync(path.join(disk!.mountpoint, 'config.json'), 'utf8'))).not.toThrow();
    hub = await restartHub(current);
    return hub;
  }
  const keyShown = async (h: HubProcess) => ((await adminCall(h, 'GET', '/api/settings')).json as SettingsView).requestHeader.value;

  it('a save answered 200 and a regenerated POS token survive a power cut; a save cut short leaves the old settings or the new', { timeout: 120_000 }, async () => {
    const random = seededRandom(5);
    disk = await mountForgetfulFs();
    hub = await startHubProcess({ dataDir: disk.mountpoint });
    let acknowledged = '';
    for (let round = 1; round <= 2; round++) {
      const key = `partner-key-${round}-acknowledged-${round * 1111}`;
      await saveSettings(hub, settingsFor('http://127.0.0.1:9', { requestHeader: { name: 'X-API-Key', value: key } }));
      acknowledged = key;
      await cutAndRestart();
      expect(await keyShown(hub), `round ${round}: the key of a save answered 200`).toBe(maskSecret(acknowledged));

      const regenerated = await adminCall(hub, 'POST', '/api/pos-token/regenerate');
      const token = (regenerated.json as { value: string }).value;
      await cutAndRestart();
      expect(hub.posToken, `round ${round}: the regenerated POS token`).toBe(token);
      expect((await postEvents({ ingestUrl: hub.ingestUrl, posToken: token }, makeEvent())).status).toBe(202);

      const interrupted = `partner-key-${round}-interrupted-${round * 2222}`;
      void adminCall(hub, 'PUT', '/api/settings', settingsFor('http://127.0.0.1:9', { requestHeader: { name: 'X-API-Key', value: interrupted } })).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, random() * 30));
      await cutAndRestart();
      const shown = await keyShown(hub);
      expect([maskSecret(acknowledged), maskSecret(interrupted)], `round ${round}: a save cut short`).toContain(shown);
      if (shown === maskSecret(interrupted)) acknowledged = interrupted;
    }
  });
});
