// Every way of stopping `npm run serve`'s entry closes the hub exactly once: the real process on a
// real data folder, stopped with real signals. The settings library's exit hook (`when-exit`, loaded
// with conf) re-raises SIGHUP with its default action unless the entry owns the signal.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, startHubProcess, tempDataDir, type HubProcess } from '../support/hub-process.ts';
import { LOCK_FILE } from '../../electron/hub/data-dir-lock.ts';

const started: HubProcess[] = [];
const dataDirs: string[] = [];

afterEach(async () => {
  for (const hub of started.splice(0)) await hub.kill();
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function exitOf(child: HubProcess['child']): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

const stoppedLines = (output: string) => output.split('\n').filter((line) => line.includes('"hub stopped"')).length;

async function startServe(): Promise<HubProcess> {
  const hub = await startHubProcess({ env: { HUB_LOG_LEVEL: 'info' } });
  started.push(hub);
  dataDirs.push(hub.dataDir);
  return hub;
}

describe('npm run serve stops cleanly on every stop signal', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal}: exits 0 after closing the hub once and sealing the outbox`, async () => {
      const hub = await startServe();
      const exited = exitOf(hub.child);
      hub.child.kill(signal);
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(stoppedLines(hub.output())).toBe(1);
      expect(hub.output()).toContain(`${signal}: stopping`);
      expect(existsSync(path.join(hub.dataDir, 'hub.db.clean-stop'))).toBe(true);
    });
  }

  it('Ctrl+C pressed twice (SIGINT, SIGINT) still closes the hub once, then exits 0', async () => {
    const hub = await startServe();
    const exited = exitOf(hub.child);
    hub.child.kill('SIGINT');
    hub.child.kill('SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stoppedLines(hub.output())).toBe(1);
    expect(existsSync(path.join(hub.dataDir, 'hub.db.clean-stop'))).toBe(true);
  });

  it('a signal while the hub is still starting stops it once it has started', async () => {
    const dataDir = tempDataDir('owh-start-signal-');
    dataDirs.push(dataDir);
    const child = spawn(process.execPath, [
      '--import', 'tsx', path.join(ROOT, 'electron', 'headless.ts'), '--data-dir', dataDir,
      '--ingest-host', '127.0.0.1', '--ingest-port', '0', '--admin-port', '0',
    ], { cwd: ROOT, env: { ...process.env, HUB_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const exited = exitOf(child);
    // The lock file appears inside createHub(), before the outbox, the settings or the ports are open.
    const lock = path.join(dataDir, LOCK_FILE);
    const deadline = Date.now() + 15_000;
    while (!existsSync(lock) && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(existsSync(lock)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stoppedLines(output)).toBe(1);
    expect(readFileSync(path.join(dataDir, 'hub.db.clean-stop'), 'utf8')).toMatch(/"size":\d+/);
  });
});
