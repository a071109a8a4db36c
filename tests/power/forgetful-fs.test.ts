// The forgetful filesystem's own promises, each through the real mount with real system calls:
// data is durable only once its file is fsynced, names only once their folder is fsynced, and a
// power cut leaves the backing folder as a rebooted machine would find its disk. The last case
// shows it catches a real durability bug: SQLite with synchronous=OFF loses commits, FULL does not.
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync, existsSync, fdatasyncSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync,
  renameSync, rmdirSync, statSync, unlinkSync, writeSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetfulFsUnavailable, mountForgetfulFs, type ForgetfulMount } from '../support/forgetful-mount.ts';
import { ROOT } from '../support/hub-process.ts';

const unavailable = await forgetfulFsUnavailable();
if (unavailable) console.warn(`forgetful fs tests skipped: ${unavailable}`);

function writeFile(file: string, data: string, sync: 'fsync' | 'fdatasync' | 'none', flags = 'w'): void {
  const fd = openSync(file, flags);
  writeSync(fd, data);
  if (sync === 'fsync') fsyncSync(fd);
  if (sync === 'fdatasync') fdatasyncSync(fd);
  closeSync(fd);
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  fsyncSync(fd);
  closeSync(fd);
}

/** Every file under `dir` with its content: what a machine would find there. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, { [`${rel}/`]: '' }, snapshot(dir, rel));
    else out[rel] = readFileSync(path.join(dir, rel), 'utf8');
  }
  return out;
}

describe.skipIf(unavailable !== null)(`forgetful fs${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let disk: ForgetfulMount;
  let n = 0;
  /** A fresh folder on the mount, made durable, so each case starts from a known disk. */
  let dir: string;
  beforeAll(async () => { disk = await mountForgetfulFs(); });
  afterAll(async () => { await disk?.close(); });
  const fresh = () => {
    dir = path.join(disk.mountpoint, `case-${++n}`);
    mkdirSync(dir);
    syncDir(disk.mountpoint);
    return dir;
  };
  const onDisk = (...parts: string[]) => path.join(disk.backing, path.relative(disk.mountpoint, dir), ...parts);

  describe('file data reaches the disk only when the file is fsynced', () => {
    it('unsynced writes to a durable file are lost by a power cut; fsynced ones are kept', async () => {
      const file = path.join(fresh(), 'data');
      writeFile(file, 'v1', 'fsync');
      syncDir(dir);
      writeFile(file, 'v2-not-synced', 'none');
      expect(readFileSync(file, 'utf8')).toBe('v2-not-synced'); // programs see their writes
      expect(readFileSync(onDisk('data'), 'utf8')).toBe('v1'); // the disk does not, yet
      await disk.powerCut();
      expect(readFileSync(file, 'utf8')).toBe('v1');
    });

    it('fdatasync makes the data and the size durable', async () => {
      const file = path.join(fresh(), 'data');
      writeFile(file, 'short', 'fsync');
      syncDir(dir);
      writeFile(file, 'a longer second version', 'fdatasync');
      expect(readFileSync(onDisk('data'), 'utf8')).toBe('a longer second version');
      await disk.powerCut();
      expect(readFileSync(file, 'utf8')).toBe('a longer second version');
    });

    it('closing a file is not syncing it', async () => {
      const file = path.join(fresh(), 'data');
      writeFile(file, 'kept', 'fsync');
      syncDir(dir);
      writeFile(file, 'closed, never synced', 'none');
      await disk.powerCut();
      expect(readFileSync(file, 'utf8')).toBe('kept');
    });

    it('an fsync keeps the writes before it, in order (the later of two overlapping writes wins), and none after it', async () => {
      const file = path.join(fresh(), 'data');
      writeFile(file, '', 'fsync');
      syncDir(dir);
      const fd = openSync(file, 'r+');
      writeSync(fd, 'aaaaaaaa', 0);
      writeSync(fd, 'BBBB', 2);
      writeSync(fd, 'c', 9000); // a second page, with a hole of zeros before it
      fsyncSync(fd);
      writeSync(fd, 'after', 0);
      closeSync(fd);
      await disk.powerCut();
      const kept = readFileSync(file);
      expect(kept.length).toBe(9001);
      expect(kept.subarray(0, 8).toString()).toBe('aaBBBBaa');
      expect(kept.subarray(8, 9000).every((byte) => byte === 0)).toBe(true);
      expect(kept.subarray(9000).toString()).toBe('c');
    });

    it('a truncation is durable only when fsynced; what it cut off never shows again before that', async () => {
      const file = path.join(fresh(), 'data');
      writeFile(file, 'x'.repeat(10_000), 'fsync');
      syncDir(dir);
      const fd = openSync(file, 'r+');
      ftruncateSync(fd, 100);
      ftruncateSync(fd, 5_000); // grows again: zeros, not the old bytes
      expect(readFileSync(file).subarray(100).every((byte) => byte === 0)).toBe(true);
      closeSync(fd);
      await disk.powerCut();
      expect(readFileSync(file, 'utf8')).toBe('x'.repeat(10_000));
      const again = openSync(file, 'r+');
      ftruncateSync(again, 100);
      fsyncSync(again);
      closeSync(again);
      await disk.powerCut();
      expect(statSync(file).size).toBe(100);
    });
  });

  describe('names become durable only when their folder is fsynced', () => {
    it('a created file, even fsynced, is gone after a cut unless its folder was fsynced', async () => {
      fresh();
      writeFile(path.join(dir, 'synced-file-only'), 'data', 'fsync');
      writeFile(path.join(dir, 'synced-both'), 'data', 'fsync');
      syncDir(dir);
      writeFile(path.join(dir, 'created-after'), 'data', 'fsync');
      expect(existsSync(onDisk('created-after'))).toBe(false);
      await disk.powerCut();
      expect(readdirSync(dir).sort()).toEqual(['synced-both', 'synced-file-only']);
      expect(readFileSync(path.join(dir, 'synced-file-only'), 'utf8')).toBe('data');
    });

    it('a folder fsync without a file fsync keeps the name and loses the data', async () => {
      fresh();
      writeFile(path.join(dir, 'name-only'), 'never synced', 'none');
      syncDir(dir);
      await disk.powerCut();
      expect(readFileSync(path.join(dir, 'name-only'), 'utf8')).toBe('');
    });

    it('write-temp, fsync, rename: without a folder fsync a cut brings the old file back', async () => {
      fresh();
      const file = path.join(dir, 'config.json');
      writeFile(file, '{"v":1}', 'fsync');
      syncDir(dir);
      writeFile(`${file}.tmp`, '{"v":2}', 'fsync');
      renameSync(`${file}.tmp`, file);
      expect(readFileSync(file, 'utf8')).toBe('{"v":2}');
      await disk.powerCut();
      expect(readdirSync(dir)).toEqual(['config.json']);
      expect(readFileSync(file, 'utf8')).toBe('{"v":1}');

      writeFile(`${file}.tmp`, '{"v":3}', 'fsync');
      renameSync(`${file}.tmp`, file);
      syncDir(dir);
      await disk.powerCut();
      expect(readdirSync(dir)).toEqual(['config.json']);
      expect(readFileSync(file, 'utf8')).toBe('{"v":3}');
    });

    it('an unlink is undone by a cut unless the folder was fsynced', async () => {
      fresh();
      writeFile(path.join(dir, 'a'), 'A', 'fsync');
      writeFile(path.join(dir, 'b'), 'B', 'fsync');
      syncDir(dir);
      unlinkSync(path.join(dir, 'a'));
      unlinkSync(path.join(dir, 'b'));
      const fd = openSync(dir, 'r');
      fsyncSync(fd); // b's unlink is durable from here
      closeSync(fd);
      writeFile(path.join(dir, 'b'), 'B2', 'none'); // recreated, the name not synced
      await disk.powerCut();
      expect(readdirSync(dir)).toEqual([]);

      writeFile(path.join(dir, 'c'), 'C', 'fsync');
      syncDir(dir);
      unlinkSync(path.join(dir, 'c'));
      await disk.powerCut();
      expect(readFileSync(path.join(dir, 'c'), 'utf8')).toBe('C');
    });

    it('a sub-folder and what is in it follow the same rules', async () => {
      fresh();
      mkdirSync(path.join(dir, 'sub'));
      writeFile(path.join(dir, 'sub', 'f'), 'F', 'fsync');
      syncDir(path.join(dir, 'sub'));
      await disk.powerCut();
      expect(existsSync(path.join(dir, 'sub'))).toBe(false); // its own name was never synced

      mkdirSync(path.join(dir, 'sub'));
      writeFile(path.join(dir, 'sub', 'f'), 'F', 'fsync');
      syncDir(path.join(dir, 'sub'));
      syncDir(dir);
      await disk.powerCut();
      expect(readFileSync(path.join(dir, 'sub', 'f'), 'utf8')).toBe('F');
      unlinkSync(path.join(dir, 'sub', 'f'));
      rmdirSync(path.join(dir, 'sub'));
      await disk.powerCut();
      expect(readFileSync(path.join(dir, 'sub', 'f'), 'utf8')).toBe('F');
    });
  });

  describe('a power cut', () => {
    it('leaves the backing folder exactly as the durable state, and the next mount shows just that', async () => {
      fresh();
      writeFile(path.join(dir, 'durable'), 'D', 'fsync');
      writeFile(path.join(dir, 'renamed-from'), 'R', 'fsync');
      syncDir(dir);
      renameSync(path.join(dir, 'renamed-from'), path.join(dir, 'renamed-to'));
      writeFile(path.join(dir, 'durable'), 'D+more', 'none', 'a');
      writeFile(path.join(dir, 'volatile'), 'V', 'none');
      const expected = { durable: 'D', 'renamed-from': 'R' };
      expect(snapshot(onDisk())).toEqual(expected); // before the cut the disk already holds only this
      await disk.powerCut();
      expect(snapshot(onDisk())).toEqual(expected);
      expect(snapshot(dir)).toEqual(expected);
    });
  });

  const hidden = ['fusermount3', 'fusermount', 'mount.fuse3', 'mount.fuse']
    .map((name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim()).filter(Boolean);
  const noUnshare = spawnSync('unshare', ['--version']).error ? 'util-linux unshare is not installed' : null;
  it.skipIf(noUnshare !== null)(`needs neither fuse3 nor fusermount: mounts and cuts with them hidden (${hidden.length} found here)${noUnshare ? ` (skipped: ${noUnshare})` : ''}`, { timeout: 30_000 }, () => {
    // A private mount namespace where every FUSE helper on this machine is replaced by /dev/null.
    const hide = hidden.map((file) => `mount --bind /dev/null ${file}`).join(' && ');
    const probe = spawnSync('unshare', ['-m', 'sh', '-c', `${hide || 'true'} && exec "${process.execPath}" --import tsx tests/power/children/mount-probe.ts`], { cwd: ROOT, encoding: 'utf8' });
    expect(probe.stderr).toBe('');
    expect(probe.stdout.trim()).toBe('ok');
  });

  describe('catches a real durability bug', () => {
    /** A process that commits `rows` rows one by one, says so, and waits to be killed by the cut. */
    const committer = (file: string, synchronous: 'FULL' | 'OFF', rows: number): Promise<ChildProcess> => {
      const child = spawn(process.execPath, ['-e', `
        const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = ${synchronous}');
        db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
        const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
        for (let i = 0; i < ${rows}; i++) insert.run('row ' + i);
        console.log('committed');
        setInterval(() => {}, 1000);`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      return new Promise((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('committed')) resolve(child); });
        child.once('exit', (code) => reject(new Error(`committer exited with ${code}`)));
      });
    };
    const kill = (child: ChildProcess) => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGKILL'); });
    const count = (file: string) => {
      const db = new Database(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        return db.prepare('SELECT COUNT(*) FROM t').pluck().get() as number;
      } finally {
        db.close();
      }
    };

    it('SQLite in WAL mode keeps every commit with synchronous=FULL and loses the unsynced ones with OFF', { timeout: 30_000 }, async () => {
      fresh();
      const file = path.join(dir, 'outbox.db');
      await kill(await committer(file, 'FULL', 50));
      await disk.powerCut();
      expect(count(file)).toBe(50);

      const off = await committer(file, 'OFF', 50);
      expect(count(file)).toBe(100); // committed: another process sees them (locks and shared memory work)
      await kill(off);
      await disk.powerCut();
      expect(count(file)).toBe(50); // the 50 synchronous=OFF commits never reached the disk
    });
  });
});
