// Starts the real hub as its own process (`electron/headless.ts` under tsx) with OS-chosen ports
// and a temp data folder, reads the addresses it prints, and stops or kills it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface HubProcess {
  adminUrl: string;
  /** Admin origin without the token, e.g. http://127.0.0.1:40123 */
  adminOrigin: string;
  ingestUrl: string;
  posToken: string;
  adminToken: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM and wait for a clean exit (resolves with the exit code). */
  stop(timeoutMs?: number): Promise<number | null>;
  /** SIGKILL: a crash or power cut from the hub's point of view. */
  kill(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  env?: Record<string, string>;
  args?: string[];
  /** Ports to reuse across a restart (0 = OS-chosen). */
  ingestPort?: number;
  adminPort?: number;
  timeoutMs?: number;
}

export function tempDataDir(prefix = 'owh-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function startHubProcess(options: StartOptions = {}): Promise<HubProcess> {
  const dataDir = options.dataDir ?? tempDataDir();
  const args = [
    '--import', 'tsx', path.join(ROOT, 'electron', 'headless.ts'), '--data-dir', dataDir, '--ingest-host', '127.0.0.1',
    '--ingest-port', String(options.ingestPort ?? 0), '--admin-port', String(options.adminPort ?? 0), ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, HUB_LOG_LEVEL: 'warn', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`hub did not start within ${options.timeoutMs ?? 15000} ms:\n${output}`)); }, options.timeoutMs ?? 15_000);
    const exitedEarly = (code: number | null) => { clearTimeout(timer); reject(new Error(`hub exited with ${code} before it was ready:\n${output}`)); };
    child.once('exit', exitedEarly);
    const check = () => {
      const admin = /^Admin:\s+(\S+)/m.exec(output);
      const ingest = /^POS ingest:\s+(\S+)/m.exec(output);
      const token = /^POS token:\s+(\S+)/m.exec(output);
      if (!admin || !ingest || !token) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.off('exit', exitedEarly); // only ours: `exited` still has to hear the real exit
      const adminUrl = admin[1]!;
      resolve({
        adminUrl, adminOrigin: new URL(adminUrl).origin, ingestUrl: ingest[1]!, posToken: token[1]!,
        adminToken: new URL(adminUrl).searchParams.get('token')!, dataDir, child, output: () => output,
        async stop(timeoutMs = 10_000) {
          if (child.exitCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
          const code = await exited;
          clearTimeout(t);
          return code;
        },
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout!.on('data', check);
  });
}
