// The hub under test: electron/headless.ts bundled once with esbuild (as the desktop build bundles
// it, so no TypeScript compiler sits in the measured process), started as its own process with
// OS-chosen loopback ports, plus a small admin API client. The bench's child programs are bundled
// at the same time.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { SettingsInput } from '../../../shared/settings.ts';
import { settingsFor } from '../../support/hub-fixture.ts';
import { CHILDREN, CHILDREN_BUNDLE_DIR, CHILD_FILES, ROOT, wrap, type Child } from './processes.ts';

const BUNDLE_DIR = path.join(ROOT, 'bench-results', '.hub');

const BUNDLE = path.join(BUNDLE_DIR, 'headless.mjs');
/** The migrations the bundled hub knows; backlogs are built with exactly these. */
export const HUB_MIGRATIONS_DIR = path.join(BUNDLE_DIR, 'migrations');

export async function bundleHub(): Promise<void> {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  mkdirSync(BUNDLE_DIR, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, 'electron', 'headless.ts')], outfile: BUNDLE, bundle: true, platform: 'node', format: 'esm',
    target: 'node20', external: ['better-sqlite3'], logLevel: 'warning', absWorkingDir: ROOT,
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  // open-database.ts looks for migrations beside the bundle, as in the Electron build.
  cpSync(path.join(ROOT, 'electron', 'hub', 'db', 'migrations'), HUB_MIGRATIONS_DIR, { recursive: true });
  // The load generators, partner and baselines too: a process start costs tens of ms, not a TS compile.
  await build({
    entryPoints: CHILD_FILES.map((file) => path.join(CHILDREN, file)), outdir: CHILDREN_BUNDLE_DIR, outExtension: { '.js': '.mjs' },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: ROOT,
  });
}

export interface HubUnderTest {
  pid: number;
  ingestUrl: string;
  adminOrigin: string;
  posToken: string;
  adminToken: string;
  /** ms from spawn to GET /v1/health answering 200. */
  startMs: number;
  child: Child;
  admin<T>(method: string, pathname: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export const POS_TOKEN = 'bench-pos-token-0123456789abcdef';
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export interface HubOptions { cpuProfileDir?: string; nodeFlags?: string[]; timeoutMs?: number }

export async function startHub(dataDir: string, options: HubOptions = {}): Promise<HubUnderTest> {
  const nodeArgs = [...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []), ...(options.nodeFlags ?? [])];
  const started = performance.now();
  const child = wrap(spawn(process.execPath, [
    ...nodeArgs, BUNDLE, '--data-dir', dataDir, '--ingest-host', '127.0.0.1', '--ingest-port', '0', '--admin-port', '0',
  ], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HUB_POS_TOKEN: POS_TOKEN, HUB_ADMIN_TOKEN: ADMIN_TOKEN, HUB_LOG_LEVEL: 'warn' },
  }));
  const deadline = started + (options.timeoutMs ?? 30_000);
  let ingestUrl = '';
  let adminOrigin = '';
  while (!ingestUrl || !adminOrigin) {
    if (child.process.exitCode !== null) throw new Error(`hub exited before it was ready:\n${child.output()}`);
    if (performance.now() > deadline) { await child.stop(); throw new Error(`hub did not start:\n${child.output()}`); }
    ingestUrl = /^POS ingest:\s+(\S+)/m.exec(child.output())?.[1] ?? '';
    const admin = /^Admin:\s+(\S+)/m.exec(child.output())?.[1];
    adminOrigin = admin ? new URL(admin).origin : '';
    if (!ingestUrl || !adminOrigin) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const healthUrl = new URL('/v1/health', ingestUrl).href;
  while ((await fetch(healthUrl).then((r) => r.status, () => 0)) !== 200) await new Promise((resolve) => setTimeout(resolve, 2));
  const startMs = performance.now() - started;

  async function admin<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const res = await fetch(adminOrigin + pathname, {
      method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  return {
    pid: child.process.pid!, ingestUrl, adminOrigin, posToken: POS_TOKEN, adminToken: ADMIN_TOKEN, startMs, child, admin,
    stop: () => child.stop(),
  };
}

/** All three hooks on, pointing at `baseUrl` (/open, /update, /close); POS orders go to Open. */
export function hookSettings(baseUrl: string): SettingsInput {
  return settingsFor(baseUrl, { requestHeader: { name: 'X-API-Key', value: 'bench-partner-key-0123456789' } });
}

/** Points partner p1 … pN at `urls` (one each), adding the partners a fresh hub does not have yet. */
export async function configurePartners(hub: Pick<HubUnderTest, 'admin'>, urls: readonly string[]): Promise<void> {
  const existing = new Set((await hub.admin<{ id: string }[]>('GET', '/api/partners')).map((p) => p.id));
  for (const [i, url] of urls.entries()) {
    const id = `p${i + 1}`;
    const page = { name: `Partner ${i + 1}`, ...hookSettings(url) };
    if (existing.has(id)) await hub.admin('PUT', `/api/partners/${id}`, page);
    else await hub.admin('POST', '/api/partners', page);
  }
}

export interface StatsView { queueDepth: number; counts: Record<string, number> }
