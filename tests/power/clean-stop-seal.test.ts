// The clean-stop seal (electron/hub/db/clean-stop-seal.ts) on the forgetful fs. A clean stop that
// a power cut follows — the store PC shut down by pulling the plug after the hub stopped — must
// keep its seal, or the next start pays the full-file check (seconds with a million rows) for a
// file that is exactly as the hub left it. (That a seal never claims a clean stop that did not
// happen is checked after every cut of the power-cut suite.)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealHolds } from '../../electron/hub/db/clean-stop-seal.ts';
import { forgetfulFsUnavailable, mountForgetfulFs, type ForgetfulMount } from '../support/forgetful-mount.ts';
import { postEvents } from '../support/hub-fixture.ts';
import { startHubProcess } from '../support/hub-process.ts';
import { storeEvents } from '../tools/store-stream.ts';
import type { PosEvent } from '../../shared/event.ts';

const unavailable = await forgetfulFsUnavailable();
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe.skipIf(unavailable !== null)(`clean-stop seal through a power cut${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let disk: ForgetfulMount;
  beforeAll(async () => { disk = await mountForgetfulFs(); });
  afterAll(async () => { await disk?.close(); });

  it('a clean stop followed by a power cut keeps its seal, and the sealed file is the one on disk', { timeout: 60_000 }, async () => {
    const dbFile = path.join(disk.mountpoint, 'hub.db');
    const hub = await startHubProcess({ dataDir: disk.mountpoint });
    const stream = storeEvents({ runId: 'seal', seed: 3 });
    for (let batch = 0; batch < 5; batch++) {
      const events = Array.from({ length: 20 }, () => stream.next().value as PosEvent);
      expect((await postEvents(hub, { events })).status).toBe(202);
    }
    expect(await hub.stop()).toBe(0);
    expect(sealHolds(dbFile)).toBe(true);
    const sealed = sha256(dbFile);
    await disk.powerCut();
    expect(sealHolds(dbFile)).toBe(true);
    expect(sha256(dbFile)).toBe(sealed);
  });
});
