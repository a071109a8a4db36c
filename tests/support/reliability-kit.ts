// Helpers for the reliability tests (tests/reliability): the admin API of a hub process, a
// read-only look into its hub.db, waiting on a condition, and restarting a hub on the same ports.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import path from 'node:path';
import type { SettingsInput } from '../../shared/settings.ts';
import { startHubProcess, type HubProcess, type StartOptions } from './hub-process.ts';

/** The admin API of a running hub process, authenticated with its admin token. */
export async function adminCall(hub: HubProcess, method: string, apiPath: string, body?: unknown): Promise<{ status: number; text: string; json: unknown }> {
  const response = await fetch(`${hub.adminOrigin}${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, text, json };
}

export async function saveSettings(hub: HubProcess, input: SettingsInput): Promise<void> {
  const result = await adminCall(hub, 'PUT', '/api/settings', input);
  if (result.status !== 200) throw new Error(`PUT /api/settings → ${result.status} ${result.text}`);
}

/** hub.db opened read-only (WAL readers never block the hub); close it when done. */
export function openOutbox(dataDir: string): Db {
  return new Database(path.join(dataDir, 'hub.db'), { readonly: true, fileMustExist: true });
}

export function withOutbox<T>(dataDir: string, read: (db: Db) => T): T {
  const db = openOutbox(dataDir);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Polls `condition` until it holds; throws with `describe()` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function portsOf(hub: HubProcess): { ingestPort: number; adminPort: number } {
  return { ingestPort: Number(new URL(hub.ingestUrl).port), adminPort: Number(new URL(hub.adminUrl).port) };
}

/** Starts the hub again on the same data folder and ports (a restart after a crash). */
export async function restartHub(previous: HubProcess, options: StartOptions = {}): Promise<HubProcess> {
  const ports = portsOf(previous);
  let lastError: unknown;
  // The OS may need a moment to release the ports of a killed process.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await startHubProcess({ dataDir: previous.dataDir, ...ports, ...options });
    } catch (error) {
      lastError = error;
      if (!/EADDRINUSE/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw lastError;
}

/** Resident set size of a process in bytes, and its peak (VmHWM), from /proc. */
export async function rssOf(pid: number): Promise<{ rss: number; peak: number }> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
