// writeFileDurably and fsyncDirectory (electron/hub/durable-file.ts) on the forgetful fs: a
// finished write survives a power cut, a cut in the middle leaves the old or the new file whole,
// and the contrast that motivates them — conf's own write (temp file, fsync, rename, no folder
// fsync: what settings-store.ts does today) loses a save that had already returned.
import Conf from 'conf';
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsyncDirectory, syncRenamed, writeFileDurably } from '../../electron/hub/durable-file.ts';
import { forgetfulFsUnavailable, mountForgetfulFs, type ForgetfulMount } from '../support/forgetful-mount.ts';
import { ROOT } from '../support/hub-process.ts';
import { seededRandom } from '../support/events.ts';

const unavailable = await forgetfulFsUnavailable();

describe.skipIf(unavailable !== null)(`durable files on the forgetful fs${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let disk: ForgetfulMount;
  let n = 0;
  beforeAll(async () => { disk = await mountForgetfulFs(); });
  afterAll(async () => { await disk?.close(); });
  const fresh = () => {
    const dir = path.join(disk.mountpoint, `case-${++n}`);
    mkdirSync(dir);
    fsyncDirectory(disk.mountpoint);
    return dir;
  };

  it('a finished write survives a cut, with its mode, and leaves no temporary file', async () => {
    const dir = fresh();
    const file = path.join(dir, 'config.json');
    writeFileDurably(file, '{"v":1}');
    await disk.powerCut();
    expect(readFileSync(file, 'utf8')).toBe('{"v":1}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileDurably(file, '{"v":2}', 0o640);
    await disk.powerCut();
    expect(readFileSync(file, 'utf8')).toBe('{"v":2}');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('a power cut in the middle of a stream of writes leaves the last finished version or the next one, whole', { timeout: 60_000 }, async () => {
    const random = seededRandom(11);
    const file = path.join(fresh(), 'config.json');
    writeFileDurably(file, JSON.stringify({ version: 0, apiKey: 'partner-key-0', pad: '' }));
    for (let cut = 0; cut < 5; cut++) {
      const writer = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/power/children/durable-writer.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let saved = -1;
      let out = '';
      writer.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const last = /saved (\d+)\n(?![\s\S]*saved)/.exec(out);
        if (last) saved = Number(last[1]);
      });
      const exited = new Promise((resolve) => writer.once('exit', resolve));
      const target = 3 + Math.floor(random() * 40);
      while (saved < target) await new Promise((resolve) => setTimeout(resolve, 5));
      writer.kill('SIGKILL'); // the power goes: the process and every unsynced write with it
      await exited;
      const acknowledged = saved; // the last `saved` line that reached us before the cut
      await disk.powerCut();
      const kept = JSON.parse(readFileSync(file, 'utf8')) as { version: number; apiKey: string; pad: string };
      expect(kept.version).toBeGreaterThanOrEqual(acknowledged);
      expect(kept.version).toBeLessThanOrEqual(acknowledged + 1);
      expect(kept).toEqual({ version: kept.version, apiKey: `partner-key-${kept.version}`, pad: 'x'.repeat((kept.version * 997) % 9000) });
    }
    expect(readdirSync(path.dirname(file))).toEqual(['config.json']); // temporary files of cut writes were never durable
  });

  it("conf's own write (temp, fsync, rename) loses a save that had returned; syncRenamed after it keeps the save", async () => {
    const dir = fresh();
    const conf = new Conf<{ apiKey: string }>({ cwd: dir, configName: 'config', projectName: 'power-test' });
    conf.set('apiKey', 'first');
    syncRenamed(conf.path);
    conf.set('apiKey', 'second'); // returned: a manager would have seen "Saved"
    await disk.powerCut();
    expect(JSON.parse(readFileSync(conf.path, 'utf8'))).toEqual({ apiKey: 'first' }); // the save is gone

    const again = new Conf<{ apiKey: string }>({ cwd: dir, configName: 'config', projectName: 'power-test' });
    again.set('apiKey', 'third');
    syncRenamed(again.path);
    await disk.powerCut();
    expect(JSON.parse(readFileSync(again.path, 'utf8'))).toEqual({ apiKey: 'third' });
  });

  it('fsyncDirectory makes the name of a file created in the folder durable', async () => {
    const dir = fresh();
    const fd = openSync(path.join(dir, 'created'), 'w');
    writeSync(fd, 'data');
    fsyncSync(fd);
    closeSync(fd);
    fsyncDirectory(dir);
    await disk.powerCut();
    expect(readFileSync(path.join(dir, 'created'), 'utf8')).toBe('data');
  });
});
