// Issue 9.10: a request target with malformed percent-encoding is the client's mistake — a 400
// (or the ingest port's 404), never a 500 with an error in the log, and never a way around the
// admin token. Raw targets go through node:http so nothing normalises them on the way.
import http from 'node:http';
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();
const rendererDir = mkdtempSync(path.join(tmpdir(), 'owh-renderer-'));
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>hub</title>');
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

function rawGet(origin: string, target: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: target, method: 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function hubWithLog() {
  const log = new PassThrough();
  let lines = '';
  log.on('data', (chunk: Buffer) => (lines += chunk.toString()));
  const hub = await kit.hub({ adminPort: 0, rendererDir, logDestination: log, logLevel: 'info' });
  const errors = () => lines.split('\n').filter((line) => /"level":(50|60)/.test(line));
  return { hub, admin: new URL(hub.adminUrl!).origin, ingest: new URL(hub.ingestUrl).origin, errors };
}

const MALFORMED = ['/assets/%E0%A4%A', '/%', '/%zz', '/assets/%', '/favicon%.ico', '/%E0%A4%A.png', '/index.html%C0'];
const MALFORMED_API = ['/api/%', '/api/deliveries/%E0%A4%A', '/api/stream%', '/api/settings%zz'];

describe('malformed percent-encoding', () => {
  it('the admin port answers 400 with the error document, without the token and with it, and logs no error', async () => {
    const { hub, admin, errors } = await hubWithLog();
    for (const target of [...MALFORMED, ...MALFORMED_API]) {
      for (const headers of [{}, { authorization: `Bearer ${hub.adminToken}` }] as Record<string, string>[]) {
        const answer = await rawGet(admin, target, headers);
        expect(answer.status, `${target} ${JSON.stringify(headers)}`).toBe(400);
        expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/percent-encoding/) } });
        expect(answer.text).not.toContain(hub.adminToken);
      }
    }
    expect(errors()).toEqual([]);
  });

  it('well-formed encodings still work, and an encoded ../ stays inside the renderer folder', async () => {
    const { hub, admin, errors } = await hubWithLog();
    expect((await rawGet(admin, '/index%2Ehtml')).status).toBe(200);
    expect((await rawGet(admin, '/assets/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await rawGet(admin, '/%2e%2e%2fpackage.json')).status).toBe(404);
    expect((await rawGet(admin, '/index.html%00')).status).toBe(404);
    // An encoded /api/ is the API, token and all — not a page that skips the token check.
    expect((await rawGet(admin, '/%61pi/settings')).status).toBe(401);
    expect((await rawGet(admin, '/api%2Fsettings')).status).toBe(401);
    // A lenient query (a stray % in a search) is not an error: it is searched for as typed.
    const search = await rawGet(admin, '/api/deliveries?q=10%', { authorization: `Bearer ${hub.adminToken}` });
    expect(search.status).toBe(200);
    expect(errors()).toEqual([]);
  });

  it('the ingest port answers 404 for such paths (it never decodes them) and logs no error', async () => {
    const { hub, ingest, errors } = await hubWithLog();
    for (const target of ['/%', '/v1/events%', '/v1/%E0%A4%A', '/v1/events/%zz']) {
      const answer = await rawGet(ingest, target, { authorization: `Bearer ${hub.posToken}` });
      expect(answer.status, target).toBe(404);
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await rawGet(ingest, '/v1/health?probe=%E0%A4%A')).status).toBe(200);
    expect(errors()).toEqual([]);
  });
});
