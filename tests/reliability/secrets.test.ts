// Issue 5 (7): secrets stay secret. After a realistic session against the real hub process —
// configure, deliver, partner failing (and echoing our request back), test-send, bad requests,
// rotation, token regeneration, stop — the API key value, the signing secrets and the tokens
// appear nowhere but where the contract puts them: the two startup lines that print the POS
// token and the admin URL, the explicit reveal/regenerate/rotate answers, and what the partner
// itself receives.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { makeEvent } from '../support/events.ts';
import { postEvents, settingsFor, startTestHub } from '../support/hub-fixture.ts';
import { startHubProcess, type HubProcess } from '../support/hub-process.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { adminCall, waitUntil, withOutbox } from '../support/reliability-kit.ts';

const API_KEY = 'sk_live_7f3c9a1e5b2d4f6a8c0e1b3d5f7a9c2e';
const SIGNING_SECRET = `whsec_${Buffer.from('reliability-signing-secret-0123456789ab').toString('base64')}`;

let hub: HubProcess | null = null;
let receiver: Receiver | null = null;
afterEach(async () => {
  await hub?.kill();
  await receiver?.close();
});

describe('secrets never leak', () => {
  it('not in logs, attempt records, error messages or admin answers after a realistic session', { timeout: 60_000 }, async () => {
    // The partner: accepts, then fails with 500 echoing our request headers, then rejects with 401.
    let phase: 'ok' | 'echo' | 'reject' = 'ok';
    receiver = await startTestReceiver({
      mode: (request) => phase === 'ok' ? { kind: 'ok', body: `{"received": true, "echo": ${JSON.stringify(request.headers)}}` }
        : phase === 'echo' ? { kind: 'fail', status: 500, body: `debug: we got ${JSON.stringify(request.headers)}` }
        : { kind: 'fail', status: 401, body: `invalid key ${request.headers['x-api-key']}` },
    });
    hub = await startHubProcess({ env: { HUB_LOG_LEVEL: 'trace' } });
    const revealed: string[] = []; // answers of the explicit reveal endpoints: allowed to hold secrets
    const answers: string[] = []; // every other admin answer
    const call = async (method: string, apiPath: string, body?: unknown) => {
      const result = await adminCall(hub!, method, apiPath, body);
      answers.push(`${method} ${apiPath} → ${result.status} ${result.text}`);
      return result;
    };
    const reveal = async (apiPath: string) => {
      const result = await adminCall(hub!, 'POST', apiPath);
      expect(result.status).toBe(200);
      revealed.push(result.text);
      return (result.json as { value: string }).value;
    };
    const posToken0 = hub.posToken;

    // Configure (and some invalid attempts carrying the secrets in the wrong places).
    const settings = { ...settingsFor(receiver.url), requestHeader: { name: 'X-API-Key', value: API_KEY }, signingSecret: SIGNING_SECRET };
    expect((await call('PUT', '/api/settings', settings)).status).toBe(200);
    expect((await call('PUT', '/api/settings', { ...settings, requestHeader: { name: 'X-API-Key', value: `${API_KEY}\r\n` } })).status).toBe(400);
    expect((await call('PUT', '/api/settings', { ...settings, requestHeader: { name: API_KEY.replace(/_/g, ' '), value: API_KEY } })).status).toBe(400);
    expect((await call('PUT', '/api/settings', { ...settings, signingSecret: `${SIGNING_SECRET}!` })).status).toBe(400);
    expect((await call('PUT', '/api/settings', { ...settings, requestHeader: { name: 'X-API-Key', value: 12345 } })).status).toBe(400);
    expect((await call('GET', '/api/settings')).status).toBe(200);
    expect(await reveal('/api/signing-secret/reveal')).toBe(SIGNING_SECRET);

    // Deliver; then the partner fails (echoing the key); then it rejects the key.
    const post = (events: unknown, token = hub!.posToken) => fetch(hub!.ingestUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(events),
    });
    expect((await post({ events: [makeEvent({ type: 'check.opened', source: 'OLO' }), makeEvent(), makeEvent({ type: 'check.closed' })] })).status).toBe(202);
    await receiver.waitFor(3);
    phase = 'echo';
    expect((await post(makeEvent({ check: { checkId: 'c-echo' } }))).status).toBe(202);
    await receiver.waitFor((r) => r.json !== undefined && JSON.stringify(r.json).includes('c-echo'), 10_000, 2); // a retry too
    for (const hook of ['open', 'update', 'close'] as const) expect((await call('POST', `/api/hooks/${hook}/test`)).status).toBe(200);
    phase = 'reject';
    expect((await post(makeEvent({ check: { checkId: 'c-reject' } }))).status).toBe(202);
    await waitUntil(() => withOutbox(hub!.dataDir, (db) => db.prepare("SELECT COUNT(*) FROM deliveries WHERE state = 'failed'").pluck().get() as number) >= 1,
      15_000, () => 'the 401 delivery is not failed yet');

    // Rotate the signing secret and regenerate the POS token (explicit answers), deliver again.
    const rotated = await reveal('/api/signing-secret/rotate');
    const posToken1 = await reveal('/api/pos-token/regenerate');
    expect(await reveal('/api/pos-token/reveal')).toBe(posToken1);
    phase = 'ok';
    expect((await post(makeEvent({ check: { checkId: 'c-after' } }), posToken1)).status).toBe(202);
    await receiver.waitFor((r) => (r.headers['webhook-signature'] ?? '').split(' ').length === 2);

    // Error paths: wrong tokens, bad bodies, conflicts, unknown ids.
    expect((await post(makeEvent(), posToken0)).status, 'the old POS token stops working').toBe(401);
    for (const [body, token, status] of [[{ ...makeEvent(), eventId: API_KEY, type: API_KEY }, posToken1, 400], [makeEvent(), API_KEY, 401]] as const) {
      const answer = await post(body, token);
      expect(answer.status).toBe(status);
      answers.push(`ingest → ${answer.status} ${await answer.text()}`);
    }
    expect((await fetch(`${hub.adminOrigin}/api/settings`, { headers: { authorization: `Bearer ${API_KEY}` } })).status).toBe(401);
    const list = await call('GET', '/api/deliveries?limit=100');
    const ids = (list.json as { items: { id: number }[] }).items.map((d) => d.id);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    for (const id of ids) {
      await call('GET', `/api/deliveries/${id}`);
      await call('POST', `/api/deliveries/${id}/retry`);
    }
    await call('POST', '/api/deliveries/resend', { hook: 'update', states: ['failed', 'dead'], since: '2000-01-01T00:00:00Z', until: '2100-01-01T00:00:00Z' });
    await call('GET', '/api/deliveries/999999');
    await call('GET', '/api/stats');
    await call('GET', '/api/connection');
    await call('GET', '/api/nope');
    const stream = await fetch(`${hub.adminOrigin}/api/stream`, { headers: { authorization: `Bearer ${hub.adminToken}` }, signal: AbortSignal.timeout(3_000) });
    const reader = stream.body!.getReader();
    expect((await post(makeEvent({ check: { checkId: 'c-stream' } }), posToken1)).status).toBe(202);
    answers.push(new TextDecoder().decode((await reader.read()).value), new TextDecoder().decode((await reader.read()).value));
    await reader.cancel();
    // The tokenised address as the browser opens it: nothing in its answer may hand the admin token
    // back. A Set-Cookie would, and the browser would then send it to every other service on 127.0.0.1.
    const opened = await fetch(hub.adminUrl, { redirect: 'manual' });
    answers.push(`GET /?token=… → ${opened.status} ${JSON.stringify([...opened.headers])} ${await opened.text()}`);
    expect(opened.headers.has('set-cookie'), 'the admin page sets no cookie').toBe(false);
    expect(await hub.stop()).toBe(0);

    // Where the secrets must not be.
    const secrets = { apiKey: API_KEY, signingSecret: SIGNING_SECRET, signingKey: SIGNING_SECRET.slice(6), rotated, rotatedKey: rotated.slice(6), posToken0, posToken1, adminToken: hub.adminToken };
    const output = hub.output().split('\n');
    const startupLines = output.filter((line) => /^(POS token:|Admin:)\s/.test(line));
    expect(startupLines).toEqual([`POS token:  ${posToken0}`, `Admin:      ${hub.adminUrl}`]);
    const logs = output.filter((line) => !startupLines.includes(line)).join('\n');
    const attempts = withOutbox(hub.dataDir, (db) => JSON.stringify(db.prepare('SELECT * FROM attempts').all()));
    const deliveries = withOutbox(hub.dataDir, (db) => JSON.stringify(db.prepare('SELECT * FROM deliveries').all()));
    const dbFiles = ['hub.db', 'hub.db-wal'].map((f) => path.join(hub!.dataDir, f)).filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    const places = { logs, attempts, deliveries, 'hub.db file': dbFiles, 'admin answers': answers.join('\n') };
    const leaks: string[] = [];
    for (const [where, text] of Object.entries(places)) {
      for (const [name, secret] of Object.entries(secrets)) if (text.includes(secret)) leaks.push(`${name} in ${where}`);
    }
    expect(leaks).toEqual([]);

    // The session really did exercise these paths.
    expect(attempts).toMatch(/"status":500/);
    expect(attempts).toMatch(/"status":401/);
    expect(attempts).toContain('x-api-key'); // the header is recorded, masked
    expect(receiver.requests.some((r) => r.headers['x-api-key'] === API_KEY)).toBe(true);
    expect(revealed.join()).toContain(posToken1);
    console.log(`secrets: ${Object.keys(secrets).length} secrets checked in ${Object.keys(places).length} places ` +
      `(${logs.length} log chars, ${answers.length} admin answers, ${(dbFiles.length / 1024).toFixed(0)} KiB of hub.db); leaks: ${leaks.length}`);
  });

  it('an echoed key cut by the 2 KiB snippet limit leaves no part of itself behind', async () => {
    receiver = await startTestReceiver({ mode: { kind: 'fail', status: 500, body: `${'x'.repeat(2048 - 12)}${API_KEY}` } });
    const testHub = await startTestHub();
    try {
      await testHub.service.saveSettings({ ...settingsFor(receiver.url), requestHeader: { name: 'X-API-Key', value: API_KEY } });
      expect((await postEvents(testHub, makeEvent())).status).toBe(202);
      await waitUntil(() => testHub.internals.db.prepare('SELECT COUNT(*) FROM attempts').pluck().get() === 1, 10_000, () => 'no attempt');
      const body = testHub.internals.db.prepare('SELECT response_body FROM attempts').pluck().get() as string;
      expect(body).not.toContain(API_KEY.slice(0, 6));
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(2048);
      const test = await testHub.service.sendTest('update');
      expect(test.body).not.toContain(API_KEY.slice(0, 6));
    } finally {
      await testHub.close();
    }
  });
});
