// Child processes for the bench: every load generator, baseline server and partner runs in its own
// process so it never shares the measured process's event loop. Children speak one JSON object per
// stdout line; the hub process's memory is read from /proc (Linux).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CHILDREN = path.join(ROOT, 'tests', 'bench', 'children');
export const CHILD_FILES = ['naive-ingest.ts', 'partner.ts', 'ingest-load.ts', 'raw-client.ts'];
/** Where bundleHub() writes the children as plain JS (inside the repo, so node_modules resolves). */
export const CHILDREN_BUNDLE_DIR = path.join(ROOT, 'bench-results', '.hub', 'children');

export interface Child {
  process: ChildProcess;
  /** The next stdout JSON line that `match` accepts (or the first one). */
  message<T = Record<string, unknown>>(match?: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<T>;
  output(): string;
  stop(): Promise<void>;
}

/** Runs a program from bench/children (bundled by bundleHub()) in its own process. */
export function spawnChild(file: string, args: string[], env: Record<string, string> = {}): Child {
  return wrap(spawn(process.execPath, [path.join(CHILDREN_BUNDLE_DIR, file.replace(/\.ts$/, '.mjs')), ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  }));
}

export function wrap(child: ChildProcess): Child {
  let output = '';
  let buffered = '';
  const seen: Record<string, unknown>[] = [];
  const waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    buffered += text;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!line.startsWith('{')) continue;
      let message: Record<string, unknown>;
      try { message = JSON.parse(line) as Record<string, unknown>; } catch { continue; }
      const waiter = waiters.findIndex((w) => w.match(message));
      if (waiter >= 0) waiters.splice(waiter, 1)[0]!.resolve(message);
      else seen.push(message);
    }
  });

  return {
    process: child,
    output: () => output,
    message<T>(match: (m: Record<string, unknown>) => boolean = () => true, timeoutMs = 120_000): Promise<T> {
      const earlier = seen.findIndex(match);
      if (earlier >= 0) return Promise.resolve(seen.splice(earlier, 1)[0] as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message from child within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
        const onExit = (code: number | null) => { clearTimeout(timer); reject(new Error(`child exited (${code}) before answering:\n${output.slice(-2000)}`)); };
        child.once('exit', onExit);
        waiters.push({ match, resolve: (m) => { clearTimeout(timer); child.off('exit', onExit); resolve(m as T); } });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Memory { rssMb: number; peakRssMb: number }

/** Current and peak (high-water mark) resident memory of a process, from /proc/<pid>/status. */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loopback port with nothing listening: the partner "switched off". */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
