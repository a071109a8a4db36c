// Mounts the forgetful filesystem (tests/power/forgetful-fs) for a test: a folder whose unsynced
// writes a power cut throws away. Runs the filesystem in its own process so the test may read
// and write the mount synchronously, and remounts it after each cut from the backing folder,
// as a rebooted machine would find its disk. Says why when this machine cannot mount it.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { ROOT } from './hub-process.ts';
import type { ControlMessage, ServerMessage } from '../power/forgetful-fs/server.ts';

const SERVER = path.join(ROOT, 'tests', 'power', 'forgetful-fs', 'server.ts');
let bundled: string | null = null;

/** The server bundled once per test process into plain JavaScript: it starts in a tenth of the
 *  time tsx needs, and every power cut starts it again. */
function serverScript(): string {
  if (bundled) return bundled;
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'owh-forgetful-server-')), 'server.mjs');
  buildSync({ entryPoints: [SERVER], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error' });
  bundled = outfile;
  return outfile;
}
const START_TIMEOUT_MS = 15_000;

export interface ForgetfulMount {
  /** Where programs read and write. */
  readonly mountpoint: string;
  /** The disk: exactly the durable state, at every moment. */
  readonly backing: string;
  /**
   * Cuts the power: the disk stops that instant (every call on the mount fails from then on) and
   * every change not yet fsynced is lost; `whileDown` then runs — kill the processes that used
   * the mount there, as the power cut would have — and the folder is mounted again from what the
   * disk kept, as a rebooted machine finds it. (Killing them before the remount matters: a
   * process left running would open files on the new mount, a ghost writing after the reboot.)
   */
  powerCut(whileDown?: () => Promise<void>): Promise<void>;
  /** Counts of fsyncs, fdatasyncs, directory fsyncs and writes since the last mount. */
  stats(): Promise<Extract<ServerMessage, { type: 'stats' }>>;
  /** Cuts the power and unmounts for good; the backing folder stays for inspection. */
  close(): Promise<void>;
}

function umount(mountpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('umount', ['-l', mountpoint], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`umount -l ${mountpoint}: ${stderr.trim() || `exit ${code}`}`))));
  });
}

function startServer(backing: string, store: string, mountpoint: string, lieAbout: RegExp | undefined): Promise<ChildProcess> {
  const child = fork(serverScript(), [backing, store, mountpoint, ...(lieAbout ? [lieAbout.source] : [])], { execArgv: [], cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk); // a request it could not serve is worth seeing in the test log
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`forgetful fs did not mount within ${START_TIMEOUT_MS} ms ${stderr}`)); }, START_TIMEOUT_MS);
    const onExit = (code: number | null) => { clearTimeout(timer); reject(new Error(`forgetful fs exited with ${code} before mounting ${stderr}`)); };
    child.once('exit', onExit);
    child.on('message', (message: ServerMessage) => {
      if (message.type === 'failed') { clearTimeout(timer); child.off('exit', onExit); reject(new Error(`forgetful fs: ${message.reason}`)); }
      if (message.type === 'mounted') { clearTimeout(timer); child.off('exit', onExit); resolve(child); }
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send({ type: 'cut' } satisfies ControlMessage);
  });
}

export interface MountOptions {
  /** A folder to start from, as a disk that already holds it. */
  backing?: string;
  /** A disk that lies: fsyncs of files whose name matches change nothing (to prove a test notices). */
  lieAboutFsyncOf?: RegExp;
}

export async function mountForgetfulFs(options: MountOptions = {}): Promise<ForgetfulMount> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'owh-forgetful-'));
  const backing = options.backing ?? path.join(base, 'disk');
  const store = path.join(base, 'inodes'); // beside the backing folder: same filesystem, for hard links
  const mountpoint = path.join(base, 'mnt');
  mkdirSync(backing, { recursive: true });
  mkdirSync(mountpoint);
  let server = await startServer(backing, store, mountpoint, options.lieAboutFsyncOf);
  let closed = false;

  return {
    mountpoint,
    backing,
    async powerCut(whileDown) {
      if (closed) throw new Error('the forgetful fs is closed');
      await stop(server);
      await whileDown?.();
      await umount(mountpoint);
      server = await startServer(backing, store, mountpoint, options.lieAboutFsyncOf);
    },
    stats() {
      return new Promise((resolve) => {
        const onMessage = (message: ServerMessage) => {
          if (message.type !== 'stats') return;
          server.off('message', onMessage);
          resolve(message);
        };
        server.on('message', onMessage);
        server.send({ type: 'stats' } satisfies ControlMessage);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await stop(server);
      await umount(mountpoint);
    },
  };
}

let availability: Promise<string | null> | null = null;

/** Why the forgetful fs cannot be mounted here (null: it can). Tries a real mount once per process. */
export function forgetfulFsUnavailable(): Promise<string | null> {
  availability ??= (async () => {
    if (process.platform !== 'linux') return `needs Linux (FUSE), this is ${process.platform}`;
    if (process.getuid?.() !== 0) return 'needs root to mount a FUSE filesystem';
    if (!existsSync('/dev/fuse')) return 'no /dev/fuse on this machine';
    try {
      closeSync(openSync('/dev/fuse', 'r+'));
    } catch (error) {
      return `cannot open /dev/fuse: ${(error as Error).message}`;
    }
    if (spawnSync('mount', ['--version']).error) return 'util-linux mount(8) is not installed';
    try {
      await (await mountForgetfulFs()).close();
      return null;
    } catch (error) {
      return `a test mount failed: ${(error as Error).message}`;
    }
  })();
  return availability;
}
