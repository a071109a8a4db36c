// Issue 5 (4): partners that misbehave — too slow, resetting connections, a 50 MB answer,
// redirects, broken TLS, an answer just inside the timeout — are each classified as the contract
// says (§4), and the hub keeps taking POS events while it deals with them.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { makeEvent } from '../support/events.ts';
import { postEvents, settingsFor, startTestHub, type TestHub } from '../support/hub-fixture.ts';
import { startTestReceiver, type Receiver, type ReceiverMode } from '../support/test-receiver.ts';
import { tempDataDir } from '../support/hub-process.ts';
import { waitUntil } from '../support/reliability-kit.ts';

interface AttemptView { status: number | null; outcome: string; error: string | null; response_body: string | null; latency_ms: number; state: string }

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hubWithUpdateHookAt(url: string, timeoutMs: number): Promise<TestHub> {
  const hub = await startTestHub({ delivery: { timeoutMs } });
  cleanups.push(() => hub.close());
  const base = settingsFor('http://127.0.0.1:9');
  // Only check.updated is routed; check.opened events from the POS are stored without a webhook,
  // so they can probe ingest while the partner misbehaves.
  await hub.service.saveSettings({ ...base, thirdPartyOrders: false, hooks: { ...base.hooks, open: { url: '', enabled: false }, close: { url: '', enabled: false }, update: { url, enabled: true } } });
  return hub;
}

async function firstAttempt(hub: TestHub, timeoutMs = 10_000): Promise<AttemptView> {
  const read = () => hub.internals.db.prepare(
    'SELECT a.status, a.outcome, a.error, a.response_body, a.latency_ms, d.state FROM attempts a JOIN deliveries d ON d.id = a.delivery_id ORDER BY a.id LIMIT 1',
  ).get() as AttemptView | undefined;
  await waitUntil(() => read() !== undefined, timeoutMs, () => 'no attempt recorded');
  return read()!;
}

/** Posts unrouted events and health checks while `during` runs; returns the slowest answer. */
async function ingestMeanwhile(hub: TestHub, during: Promise<unknown>): Promise<{ posts: number; slowestMs: number }> {
  let done = false;
  void during.finally(() => { done = true; });
  let posts = 0;
  let slowestMs = 0;
  while (!done || posts < 3) {
    const started = performance.now();
    const answer = await postEvents(hub, makeEvent({ type: 'check.opened' }));
    expect(answer.status).toBe(202);
    const health = await fetch(hub.ingestUrl.replace('/v1/events', '/v1/health'));
    expect(health.status).toBe(200);
    slowestMs = Math.max(slowestMs, performance.now() - started);
    posts += 1;
  }
  return { posts, slowestMs };
}

async function listen<T extends HttpServer | NetServer>(server: T): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    if ('closeAllConnections' in server) (server as HttpServer).closeAllConnections();
    server.close(() => resolve());
  }));
  return (server.address() as AddressInfo).port;
}

async function receiverIn(mode: ReceiverMode): Promise<Receiver> {
  const receiver = await startTestReceiver({ mode });
  cleanups.push(() => receiver.close());
  return receiver;
}

/** A raw TCP partner: `onRequest` gets the socket once the request headers (and maybe some body) are in. */
async function rawPartner(onData: (socket: import('node:net').Socket) => void): Promise<number> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => { /* resets are the point */ });
    socket.once('data', () => onData(socket));
  });
  cleanups.push(() => { for (const s of sockets) s.destroy(); });
  return listen(server);
}

let tls: { key: string; cert: string } | null = null;
beforeAll(() => {
  const dir = tempDataDir('owh-tls-');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    tls = { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } catch {
    tls = null; // no openssl: the self-signed case is skipped below
  }
});

describe('hostile partners', () => {
  it('a partner that never answers: timeout → retrying, and ingest keeps answering meanwhile', async () => {
    const receiver = await receiverIn({ kind: 'hang' });
    const hub = await hubWithUpdateHookAt(`${receiver.url}/update`, 500);
    expect((await postEvents(hub, makeEvent())).status).toBe(202);
    const attempt = firstAttempt(hub);
    const meanwhile = await ingestMeanwhile(hub, attempt);
    const a = await attempt;
    expect(a).toMatchObject({ status: null, outcome: 'retry', state: 'retrying' });
    expect(a.error).toMatch(/^Timeout/);
    expect(a.latency_ms).toBeGreaterThanOrEqual(450);
    expect(a.latency_ms).toBeLessThan(3_000);
    expect(meanwhile.slowestMs).toBeLessThan(400);
  });

  it('a connection reset before any answer → retrying with "Connection reset"', async () => {
    const receiver = await receiverIn({ kind: 'reset' });
    const hub = await hubWithUpdateHookAt(`${receiver.url}/update`, 2_000);
    expect((await postEvents(hub, makeEvent())).status).toBe(202);
    const a = await firstAttempt(hub);
    expect(a).toMatchObject({ status: null, outcome: 'retry', state: 'retrying' });
    expect(a.error).toMatch(/^Connection reset/);
  });

  it('a connection reset in the middle of the request body → retrying', async () => {
    const port = await rawPartner((socket) => socket.resetAndDestroy());
    const hub = await hubWithUpdateHookAt(`http://127.0.0.1:${port}/update`, 2_000);
    // A 200 kB event: the reset lands while the hub is still writing the body.
    expect((await postEvents(hub, makeEvent({ check: { note: 'x'.repeat(200_000) } as never }))).status).toBe(202);
    const a = await firstAttempt(hub);
    expect(a).toMatchObject({ status: null, outcome: 'retry', state: 'retrying' });
    expect(a.error).toMatch(/^(Connection reset|Network error)/);
  });

  it('a reset in the middle of the response body: the status decides (500 → retrying, 200 → delivered)', async () => {
    for (const status of [500, 200]) {
      const port = await rawPartner((socket) => {
        socket.write(`HTTP/1.1 ${status} X\r\ncontent-type: text/plain\r\ncontent-length: 100000\r\n\r\n${'y'.repeat(300)}`, () => socket.resetAndDestroy());
      });
      const hub = await hubWithUpdateHookAt(`http://127.0.0.1:${port}/update`, 2_000);
      expect((await postEvents(hub, makeEvent())).status).toBe(202);
      const a = await firstAttempt(hub);
      expect(a.status).toBe(status);
      expect(a).toMatchObject(status === 200 ? { outcome: 'delivered', state: 'delivered' } : { outcome: 'retry', state: 'retrying' });
      expect(a.response_body).toMatch(/^y+$/);
    }
  });

  it('a 50 MB answer: at most 2 KiB kept, memory does not grow by the body, ingest keeps answering', async () => {
    const chunk = Buffer.from('€'.repeat(64 * 1024 / 3 + 1)).subarray(0, 64 * 1024); // multi-byte text, cut anywhere
    const total = 50 * 1024 * 1024;
    let written = 0;
    const server = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': total });
        const pump = () => {
          while (written < total && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => res.destroy());
        pump();
      });
    });
    const port = await listen(server);
    const hub = await hubWithUpdateHookAt(`http://127.0.0.1:${port}/update`, 5_000);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 5);
    expect((await postEvents(hub, makeEvent())).status).toBe(202);
    const attempt = firstAttempt(hub);
    const meanwhile = await ingestMeanwhile(hub, attempt);
    const a = await attempt;
    clearInterval(sampler);
    expect(a).toMatchObject({ status: 200, outcome: 'delivered', state: 'delivered' });
    expect(Buffer.byteLength(a.response_body ?? '')).toBeLessThanOrEqual(2048);
    expect(a.response_body!.length).toBeGreaterThan(600);
    expect(rssPeak - rssBefore, 'RSS growth while the partner streamed 50 MB').toBeLessThan(25 * 1024 * 1024);
    expect(written, 'the hub hung up instead of reading it all').toBeLessThan(total);
    expect(meanwhile.slowestMs).toBeLessThan(400);
    console.log(`hostile-partners: 50 MB answer → ${Buffer.byteLength(a.response_body!)} bytes kept, partner wrote ${(written / 1048576).toFixed(1)} MB before the hub hung up, RSS +${((rssPeak - rssBefore) / 1048576).toFixed(1)} MB`);
  });

  it('an answer that is not text: still at most 2 KiB kept', async () => {
    const port = await rawPartner((socket) => {
      socket.end(Buffer.concat([Buffer.from('HTTP/1.1 500 X\r\ncontent-type: application/octet-stream\r\ncontent-length: 4096\r\n\r\n'), Buffer.alloc(4096, 0xff)]));
    });
    const hub = await hubWithUpdateHookAt(`http://127.0.0.1:${port}/update`, 2_000);
    expect((await postEvents(hub, makeEvent())).status).toBe(202);
    const a = await firstAttempt(hub);
    expect(a).toMatchObject({ status: 500, outcome: 'retry', state: 'retrying' });
    expect(Buffer.byteLength(a.response_body ?? '')).toBeLessThanOrEqual(2048);
  });

  it('redirects are never followed: 301/302/307/308 → failed at once, target never called', async () => {
    const target = await receiverIn({ kind: 'ok' });
    for (const status of [301, 302, 307, 308] as const) {
      const receiver = await receiverIn({ kind: 'redirect', status, location: `${target.url}/elsewhere` });
      const hub = await hubWithUpdateHookAt(`${receiver.url}/update`, 2_000);
      expect((await postEvents(hub, makeEvent())).status).toBe(202);
      const a = await firstAttempt(hub);
      expect(a).toMatchObject({ status, outcome: 'failed', state: 'failed' });
      expect(a.error).toMatch(/redirect/);
    }
    expect(target.requests).toHaveLength(0);
  });

  it('TLS errors → retrying with a "TLS" error: https to a plain-http partner, and a self-signed certificate', async () => {
    // Two kinds of plain-http port: one that drops the handshake (the test receiver), one that
    // answers it with an HTTP 400 (node's default).
    const plain = await receiverIn({ kind: 'ok' });
    const answering = createHttpServer((req, res) => { req.resume(); res.end('ok'); });
    const urls = [`${plain.url.replace('http:', 'https:')}/update`, `https://127.0.0.1:${await listen(answering)}/update`];
    if (tls) {
      const secure = createHttpsServer(tls, (req, res) => { req.resume(); res.end('ok'); });
      urls.push(`https://127.0.0.1:${await listen(secure)}/update`);
    }
    for (const url of urls) {
      const hub = await hubWithUpdateHookAt(url, 2_000);
      expect((await postEvents(hub, makeEvent())).status).toBe(202);
      const a = await firstAttempt(hub);
      expect(a, url).toMatchObject({ status: null, outcome: 'retry', state: 'retrying' });
      expect(a.error, url).toMatch(/^TLS: /);
    }
    expect(plain.requests).toHaveLength(0);
    expect(tls, 'openssl was available to make a self-signed certificate').not.toBeNull();
  });

  it('a 200 that comes just inside the timeout (0.85 s of 1 s) is delivered', async () => {
    const receiver = await receiverIn({ kind: 'ok', delayMs: 850 });
    const hub = await hubWithUpdateHookAt(`${receiver.url}/update`, 1_000);
    expect((await postEvents(hub, makeEvent())).status).toBe(202);
    const a = await firstAttempt(hub);
    expect(a).toMatchObject({ status: 200, outcome: 'delivered', state: 'delivered' });
    expect(a.latency_ms).toBeGreaterThanOrEqual(800);
  });

  it('a body that trickles forever after a quick 200: the attempt still ends within the timeout budget', async () => {
    const port = await rawPartner((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n');
      const drip = setInterval(() => { if (!socket.destroyed) socket.write('1\r\nz\r\n'); else clearInterval(drip); }, 50);
      socket.on('close', () => clearInterval(drip));
    });
    const hub = await hubWithUpdateHookAt(`http://127.0.0.1:${port}/update`, 500);
    expect((await postEvents(hub, makeEvent())).status).toBe(202);
    const a = await firstAttempt(hub);
    expect(a).toMatchObject({ status: 200, outcome: 'delivered', state: 'delivered' });
    expect(a.latency_ms).toBeLessThan(1_250); // ≤ one timeout for the answer + one for reading its start
    expect(a.response_body).toMatch(/^z+$/);
  });

  it('429 and 503 with Retry-After are honoured: no attempt before the partner asked', async () => {
    for (const status of [429, 503]) {
      const receiver = await receiverIn({ kind: 'fail', status, retryAfter: '120' });
      const hub = await hubWithUpdateHookAt(`${receiver.url}/update`, 2_000);
      expect((await postEvents(hub, makeEvent())).status).toBe(202);
      const a = await firstAttempt(hub);
      expect(a).toMatchObject({ status, outcome: 'retry', state: 'retrying' });
      // Measured from when the answer arrived (attempt start + latency), not from the row's
      // updated_at, stamped by the later write. Wall-clock ms plus a rounded latency can read 1 ms
      // late, hence the 1 ms allowance; Retry-After is in whole seconds.
      const row = hub.internals.db.prepare('SELECT d.next_attempt_at, a.started_at + a.latency_ms AS answered_at FROM deliveries d JOIN attempts a ON a.delivery_id = d.id').get() as { next_attempt_at: number; answered_at: number };
      expect(row.next_attempt_at - row.answered_at).toBeGreaterThanOrEqual(120_000 - 1);
      expect(hub.internals.health.state({ partnerId: 'p1', hook: 'update' }).nextProbeAt - row.answered_at).toBeGreaterThanOrEqual(120_000 - 1);
    }
  });

  it('one partner hanging does not hold up the others (open hook delivers while update times out)', async () => {
    const hanging = await receiverIn({ kind: 'hang' });
    const healthy = await receiverIn({ kind: 'ok' });
    const hub = await startTestHub({ delivery: { timeoutMs: 1_500 } });
    cleanups.push(() => hub.close());
    await hub.service.saveSettings({ ...settingsFor(healthy.url), hooks: {
      open: { url: `${healthy.url}/open`, enabled: true }, update: { url: `${hanging.url}/update`, enabled: true }, close: { url: '', enabled: false },
    } });
    const updates = Array.from({ length: 40 }, (_, i) => makeEvent({ check: { checkId: `u-${i}` } }));
    const opens = Array.from({ length: 10 }, (_, i) => makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId: `o-${i}` } }));
    expect((await postEvents(hub, { events: updates })).status).toBe(202);
    await hanging.waitFor(16); // the update endpoint's slots are all taken by hanging attempts
    const started = performance.now();
    expect((await postEvents(hub, { events: opens })).status).toBe(202);
    await healthy.waitFor(10, 1_200);
    expect(performance.now() - started).toBeLessThan(1_200);
  });
});
