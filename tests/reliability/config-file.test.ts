// Issue 9.2 and 9.3, against the real hub process: a config.json damaged by a power cut or edited
// by hand is repaired where a safe default exists (and the log says so) or refused with a message
// naming config.json, the field and what to do — never overwritten on the way. A regenerated
// token survives a restart even with HUB_POS_TOKEN / HUB_ADMIN_TOKEN set; an empty one is unset.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubProcess, tempDataDir, type HubProcess } from '../support/hub-process.ts';
import { makeEvent } from '../support/events.ts';
import { FIXTURE_API_KEY, copyFixture } from '../fixtures/data-folder-0.1.0.ts';

const running: HubProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((hub) => hub.stop()));
});

async function start(dataDir: string, env: Record<string, string> = {}) {
  const hub = await startHubProcess({ dataDir, env: { HUB_LOG_LEVEL: 'info', ...env } });
  running.push(hub);
  return hub;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A data folder whose config.json is the 0.1.0 fixture's, edited by `edit`. */
function folderWith(edit: (config: Record<string, any>) => unknown): string {
  const dir = tempDataDir();
  copyFixture(dir);
  const file = path.join(dir, 'config.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const edited = edit(config) ?? config;
  writeFileSync(file, typeof edited === 'string' ? edited : JSON.stringify(edited, null, 2));
  return dir;
}

/** Runs the hub and expects it to refuse to start; returns what it printed. */
async function refusal(dataDir: string): Promise<string> {
  const error = await startHubProcess({ dataDir, timeoutMs: 15_000 }).then(
    (hub) => { running.push(hub); throw new Error('the hub started'); },
    (failure: Error) => failure,
  );
  return error.message;
}

async function admin(hub: HubProcess, method: string, route: string) {
  const response = await fetch(`${hub.adminOrigin}${route}`, { method, headers: { authorization: `Bearer ${hub.adminToken}` } });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function ingest(hub: HubProcess, token: string, body: unknown) {
  const response = await fetch(hub.ingestUrl, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.status;
}

describe('a damaged or hand-edited config.json (9.2)', () => {
  it('a hooks object missing "close" is filled in as an empty URL set to NO, said in the log; closed checks and stats answer', async () => {
    const dir = folderWith((c) => { delete c.settings.hooks.close; });
    const hub = await start(dir);
    expect(hub.output()).toMatch(/config\.json: settings\.hooks\.close was missing; set to an empty URL and NO/);
    expect(await ingest(hub, hub.posToken, makeEvent({ type: 'check.closed' }))).toBe(202);
    expect((await admin(hub, 'GET', '/api/stats')).status).toBe(200);
    const page = (await admin(hub, 'GET', '/api/settings')).json as { hooks: { close: unknown }; requestHeader: { hasValue: boolean } };
    expect(page.hooks.close).toEqual({ url: '', enabled: false });
    expect(page.requestHeader.hasValue).toBe(true);
    expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toContain(FIXTURE_API_KEY); // the key is kept
  });

  it('"hooks" that is not an object: refuses to start, naming config.json and the field, the file untouched', async () => {
    const dir = folderWith((c) => { c.settings.hooks = 'open,update,close'; });
    const file = path.join(dir, 'config.json');
    const before = sha(file);
    const message = await refusal(dir);
    expect(message).toMatch(/config\.json .*"settings\.hooks" has the wrong form/s);
    expect(message).toMatch(/fix that field, or restore config\.json from a backup/);
    expect(sha(file)).toBe(before);
  });

  it('a half-written file: refuses to start, saying config.json is not valid JSON and what to do, the file untouched', async () => {
    const dir = folderWith((c) => JSON.stringify(c, null, 2).slice(0, 180));
    const file = path.join(dir, 'config.json');
    const before = sha(file);
    const message = await refusal(dir);
    expect(message).toMatch(/config\.json \(.*config\.json\) is damaged: \(the whole file\) is not valid JSON/s);
    expect(message).toMatch(/power cut/);
    expect(message).not.toContain(FIXTURE_API_KEY);
    expect(sha(file)).toBe(before);
  });

  it('saved by Windows Notepad (a UTF-8 byte-order mark, CRLF line ends): starts with every setting kept, and saves work', async () => {
    const dir = folderWith((c) => `\uFEFF${JSON.stringify(c, null, '\t').replaceAll('\n', '\r\n')}`);
    const hub = await start(dir);
    const page = (await admin(hub, 'GET', '/api/settings')).json as { hooks: { open: { url: string } }; requestHeader: { name: string; hasValue: boolean } };
    expect(page.requestHeader).toMatchObject({ name: 'X-API-Key', hasValue: true });
    expect(page.hooks.open.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toContain(FIXTURE_API_KEY);
    const regenerated = await admin(hub, 'POST', '/api/pos-token/regenerate');
    expect(regenerated.status).toBe(200);
    await hub.stop();
    running.splice(running.indexOf(hub), 1);
    const again = await start(dir);
    expect(again.posToken).toBe(regenerated.json.value);
  });

  it('a parse error names the line and column and never quotes the file (a key unquoted by hand stays secret)', async () => {
    const dir = folderWith((c) => JSON.stringify(c, null, 2).replace(`"${FIXTURE_API_KEY}"`, FIXTURE_API_KEY));
    const message = await refusal(dir);
    expect(message).toMatch(/config\.json .*is not valid JSON .*line 7, column \d+/s);
    expect(message).not.toContain(FIXTURE_API_KEY.slice(0, 8));
  });

  it('an empty posToken or adminToken is regenerated, said in the log, and kept', async () => {
    const dir = folderWith((c) => { c.posToken = ''; c.adminToken = ''; });
    const hub = await start(dir);
    expect(hub.posToken.length).toBeGreaterThanOrEqual(24);
    expect(hub.adminToken.length).toBeGreaterThanOrEqual(24);
    expect(hub.output()).toMatch(/posToken was empty; generated a new one/);
    expect(hub.output()).toMatch(/adminToken was empty; generated a new one/);
    const stored = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as { posToken: string };
    expect(stored.posToken).toBe(hub.posToken);
  });

  it('a hook URL that is not a web address: refuses, naming the field', async () => {
    const dir = folderWith((c) => { c.settings.hooks.open.url = 'partner.example/open'; });
    expect(await refusal(dir)).toMatch(/"settings\.hooks\.open\.url" is not usable: Enter a full web address/);
  });
});

describe('tokens preset by the environment (9.3)', () => {
  it('a regenerated POS token survives a restart with HUB_POS_TOKEN still set; the revoked one stays refused', async () => {
    const dir = tempDataDir();
    const preset = 'preset-pos-token-0123456789abcdef';
    const first = await start(dir, { HUB_POS_TOKEN: preset, HUB_ADMIN_TOKEN: 'preset-admin-token-0123456789abc' });
    expect(first.posToken).toBe(preset);
    const fresh = ((await admin(first, 'POST', '/api/pos-token/regenerate')).json as { value: string }).value;
    expect(fresh).not.toBe(preset);
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start(dir, { HUB_POS_TOKEN: preset, HUB_ADMIN_TOKEN: 'another-admin-token-0123456789' });
    expect(second.posToken).toBe(fresh);
    expect(await ingest(second, preset, makeEvent())).toBe(401);
    expect(await ingest(second, fresh, makeEvent())).toBe(202);
    // The admin token stored on the first run is kept too: the preset applies only where none is stored.
    expect(second.adminToken).toBe('preset-admin-token-0123456789abc');
  });

  it('an empty HUB_POS_TOKEN counts as unset: a token is generated, never an empty one', async () => {
    const hub = await start(tempDataDir(), { HUB_POS_TOKEN: '', HUB_ADMIN_TOKEN: '' });
    expect(hub.posToken.length).toBeGreaterThanOrEqual(24);
    expect(await ingest(hub, '', makeEvent())).toBe(401);
  });
});
