// Two hubs on one data folder would deliver every order twice: the second must refuse to start
// and name the first. The guard is an OS lock, so it goes when its owner goes — killed, or the
// machine losing power — and a lock file naming some other live process (after a reboot a pid
// is soon reused) never keeps a hub out.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubProcess, tempDataDir, type HubProcess } from '../support/hub-process.ts';
import { startTestHub } from '../support/hub-fixture.ts';
import { plainCodec } from '../../electron/hub/settings/settings-store.ts';
import { DataDirBusy, lockDataDir, LOCK_FILE } from '../../electron/hub/data-dir-lock.ts';

const started: HubProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((hub) => hub.stop()));
});

async function start(dataDir?: string): Promise<HubProcess> {
  const hub = await startHubProcess({ dataDir });
  started.push(hub);
  return hub;
}

const healthOf = async (hub: HubProcess) => (await fetch(hub.ingestUrl.replace('/v1/events', '/v1/health'))).status;

describe('one hub per data folder', () => {
  it('a second live hub on the same folder is refused with a message naming the running one', async () => {
    const first = await start();
    await expect(startHubProcess({ dataDir: first.dataDir })).rejects.toThrow(
      new RegExp(`Another Order Webhook Hub \\(process ${first.child.pid}\\) is already running on .*stop it first`),
    );
    expect(await healthOf(first)).toBe(200); // the first one is unaffected
  });

  it('the lock of a SIGKILLed hub never blocks the next start', async () => {
    const dataDir = tempDataDir();
    for (let kill = 0; kill < 2; kill++) {
      const hub = await startHubProcess({ dataDir });
      await hub.kill();
    }
    expect(await healthOf(await start(dataDir))).toBe(200);
  });

  it('a lock file naming another live process (pid 1, the test runner) never blocks a start', async () => {
    for (const pid of [1, process.pid]) {
      const dataDir = tempDataDir();
      writeFileSync(path.join(dataDir, 'hub.lock'), String(pid)); // the old format: a bare pid
      const lockDb = new Database(path.join(dataDir, LOCK_FILE)); // the new one, its owner long gone
      lockDb.exec(`CREATE TABLE owner (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, since TEXT NOT NULL);
                   INSERT INTO owner VALUES (1, ${pid}, '2026-01-01T00:00:00.000Z')`);
      lockDb.close();
      const hub = await start(dataDir);
      expect(await healthOf(hub)).toBe(200);
      expect(existsSync(path.join(dataDir, 'hub.lock'))).toBe(false); // the old file is tidied away
      expect(await hub.stop()).toBe(0);
    }
  });

  it('a clean stop releases the lock, and a hub that was refused can then start', async () => {
    const first = await start();
    await expect(startHubProcess({ dataDir: first.dataDir })).rejects.toThrow(/already running/);
    expect(await first.stop()).toBe(0);
    expect(await healthOf(await start(first.dataDir))).toBe(200);
  });

  /** A plain Node process that tries the lock through the same module, says how it went, and stays alive. */
  function lockHolder(dataDir: string): { child: ChildProcess; outcome: Promise<string> } {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      const { lockDataDir } = await import(${JSON.stringify(path.resolve('electron/hub/data-dir-lock.ts'))});
      try { lockDataDir(${JSON.stringify(dataDir)}); console.log('locked'); } catch (error) { console.log('refused: ' + error.message); }
      setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const outcome = new Promise<string>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
    return { child, outcome };
  }
  const killed = (child: ChildProcess) => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGKILL'); });

  it('a lock held by a live process blocks and names it; its death frees the folder', async () => {
    const dataDir = tempDataDir();
    const holder = lockHolder(dataDir);
    try {
      expect(await holder.outcome).toBe('locked');
      expect(() => lockDataDir(dataDir)).toThrow(DataDirBusy);
      expect(() => lockDataDir(dataDir)).toThrow(`process ${holder.child.pid}`);
    } finally {
      await killed(holder.child); // also when an expectation failed: no holder outlives the test
    }
    lockDataDir(dataDir)();
  });

  it('of several processes starting on one folder at the same moment, exactly one gets it', async () => {
    const dataDir = tempDataDir();
    const holders = Array.from({ length: 4 }, () => lockHolder(dataDir));
    try {
      const outcomes = await Promise.all(holders.map((h) => h.outcome));
      expect(outcomes.filter((o) => o === 'locked')).toHaveLength(1);
      const winner = holders[outcomes.indexOf('locked')]!.child.pid;
      for (const refused of outcomes.filter((o) => o !== 'locked')) expect(refused).toMatch(/^refused: Another Order Webhook Hub .*already running/);
      expect(() => lockDataDir(dataDir)).toThrow(`process ${winner}`);
    } finally {
      await Promise.all(holders.map((h) => killed(h.child)));
    }
  });

  it('two hubs in one process on one folder: the second is refused too', async () => {
    const dataDir = tempDataDir();
    const hub = await startTestHub({ dataDir });
    try {
      await expect(startTestHub({ dataDir })).rejects.toThrow(`Another Order Webhook Hub (process ${process.pid})`);
    } finally {
      await hub.close();
    }
    await (await startTestHub({ dataDir })).close();
  });
});

describe('secrets encrypted by the desktop app', () => {
  it('headless refuses to use keychain ciphertext as a secret', () => {
    expect(() => plainCodec.decode('safe:AAAA')).toThrow(/encrypted with the OS keychain/);
    expect(plainCodec.decode('plain-value')).toBe('plain-value');
  });
});
