// Two hubs on one data folder would deliver every order twice: the second must refuse to start,
// and a lock left behind by a killed hub must not keep the next one out.
import { spawn } from 'node:child_process';
import { writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubProcess, tempDataDir, type HubProcess } from '../support/hub-process.ts';
import { plainCodec } from '../../electron/hub/settings/settings-store.ts';

const started: HubProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((hub) => hub.stop()));
});

describe('one hub per data folder', () => {
  it('a second hub on the same folder refuses to start and names the running one', async () => {
    const first = await startHubProcess();
    started.push(first);
    await expect(startHubProcess({ dataDir: first.dataDir })).rejects.toThrow(/already running on .*stop it first/);
    // The first one is unaffected.
    expect((await fetch(first.ingestUrl.replace('/v1/events', '/v1/health'))).status).toBe(200);
  });

  it('a lock left by a killed hub is taken over, and a clean stop removes it', async () => {
    const dataDir = tempDataDir();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.once('exit', resolve));
    writeFileSync(path.join(dataDir, 'hub.lock'), String(dead.pid));
    const hub = await startHubProcess({ dataDir });
    expect(await hub.stop()).toBe(0);
    expect(existsSync(path.join(dataDir, 'hub.lock'))).toBe(false);
  });
});

describe('secrets encrypted by the desktop app', () => {
  it('headless refuses to use keychain ciphertext as a secret', () => {
    expect(() => plainCodec.decode('safe:AAAA')).toThrow(/encrypted with the OS keychain/);
    expect(plainCodec.decode('plain-value')).toBe('plain-value');
  });
});
