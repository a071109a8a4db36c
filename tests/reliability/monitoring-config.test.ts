// config.json's `monitoring`, damaged or edited by hand: a missing field with a safe default is
// filled in and said in the log (the real hub process); anything else is refused at start with a
// message naming config.json and the field, the file untouched (it holds head office's key).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, tempDataDir, type HubProcess } from '../support/hub-process.ts';
import { adminCall } from '../support/reliability-kit.ts';
import { startTestHub } from '../support/hub-fixture.ts';

const running: HubProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((hub) => hub.stop()));
});

const KEY = 'head-office-key-0123456789abcdef';
/** config.json as the hub wrote it after a Monitoring page save: each case edits a copy. */
let written: { monitoring: Record<string, unknown> } & Record<string, unknown>;

beforeAll(async () => {
  const dir = tempDataDir();
  const hub = await startHubProcess({ dataDir: dir });
  const saved = await adminCall(hub, 'PUT', '/api/monitoring', { url: 'https://head-office.example/hubs', requestHeader: { name: 'X-Key', value: KEY }, intervalSeconds: 120, storeName: 'Store 042' });
  await hub.stop();
  expect(saved.status, saved.text).toBe(200);
  written = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as typeof written;
});

/** A fresh data folder holding that config.json with `monitoring` edited by `edit` (or replaced by what it returns). */
function folderWith(edit: (monitoring: Record<string, unknown>) => unknown): string {
  const dir = tempDataDir();
  const config = structuredClone(written);
  const edited = edit(config.monitoring);
  if (edited !== undefined) config.monitoring = edited as Record<string, unknown>;
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  return dir;
}

const sha = (dir: string) => createHash('sha256').update(readFileSync(path.join(dir, 'config.json'))).digest('hex');

/** Starts a hub on the folder (in this process: the same start-up check) and expects the refusal. */
async function refusal(dir: string): Promise<string> {
  const error = await startTestHub({ dataDir: dir }).then(
    async (hub) => { await hub.close(); throw new Error('the hub started'); },
    (failure: Error) => failure,
  );
  expect(error.name).toBe('ConfigFileError');
  return error.message;
}

describe('a damaged or hand-edited monitoring page in config.json', () => {
  it('a missing interval and store name are filled in and said in the log; the rest is kept', async () => {
    const dir = folderWith((m) => { delete m.intervalSeconds; delete m.storeName; });
    const hub = await startHubProcess({ dataDir: dir, env: { HUB_LOG_LEVEL: 'info' } });
    running.push(hub);
    expect(hub.output()).toMatch(/config\.json: monitoring\.intervalSeconds was missing; heartbeat interval set to 300 seconds/);
    expect(hub.output()).toMatch(/config\.json: monitoring\.storeName was missing; store name set to the computer's name/);
    const view = (await adminCall(hub, 'GET', '/api/monitoring')).json as { url: string; intervalSeconds: number; requestHeader: { hasValue: boolean } };
    expect(view).toMatchObject({ url: 'https://head-office.example/hubs', intervalSeconds: 300, requestHeader: { hasValue: true } });
    expect(hub.output()).not.toContain(KEY);
  });

  it.each([
    ['an unusable URL', (m: Record<string, unknown>) => { m.url = 'ftp://head-office.example/'; }, /"monitoring\.url" is not usable: Only http/],
    ['an interval out of range', (m: Record<string, unknown>) => { m.intervalSeconds = 5; }, /"monitoring\.intervalSeconds" has the wrong form \(Send a heartbeat every 10 to 3600 seconds/],
    ['a header value on two lines', (m: Record<string, unknown>) => { m.requestHeader = { name: 'X-Key', value: 'a\nb' }; }, /"monitoring\.requestHeader\.value" is not usable/],
    ['a missing request header', (m: Record<string, unknown>) => { delete m.requestHeader; }, /"monitoring\.requestHeader" is missing; put back/],
    ['a page that is not an object', () => 'https://head-office.example/', /"monitoring" must be an object/],
  ])('refuses %s, naming the field, and leaves the file untouched', async (_case, edit, message) => {
    const dir = folderWith(edit);
    const before = sha(dir);
    const output = await refusal(dir);
    expect(output).toMatch(/The settings file config\.json \(.*\) is damaged/);
    expect(output).toMatch(message);
    expect(output).not.toContain(KEY);
    expect(sha(dir)).toBe(before);
  });
});
