// The receiver stands in for partners in every delivery test, so each mode must do exactly what
// its name says, and close() must never leave a test hanging.
import { Agent, request } from 'node:http';
import { describe, it, expect } from 'vitest';
import { modeSequence, startTestReceiver } from '../support/test-receiver.ts';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string; reusedSocket: boolean }

function post(url: string, body: string, agent?: Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'X-Api-Key': 'k1' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, reusedSocket: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('test receiver', () => {
  it('answers ok and records method, path, lower-cased headers, raw and parsed body', async () => {
    const receiver = await startTestReceiver();
    try {
      expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const reply = await post(`${receiver.url}/orders/open?x=1`, '{"type":"order.opened"}');
      expect(reply.status).toBe(200);
      const [recorded] = await receiver.waitFor(1);
      expect(recorded).toMatchObject({ method: 'POST', path: '/orders/open?x=1', body: '{"type":"order.opened"}', json: { type: 'order.opened' } });
      expect(recorded?.headers['x-api-key']).toBe('k1');
      expect(recorded?.receivedAt).toBeGreaterThan(0);
    } finally {
      await receiver.close();
    }
  });

  it('answers ok with a chosen status, body and delay, over one keep-alive socket', async () => {
    const receiver = await startTestReceiver({ mode: { kind: 'ok', status: 204, delayMs: 150 } });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const started = Date.now();
      expect((await post(receiver.url, '{}', agent)).status).toBe(204);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      receiver.setMode({ kind: 'ok', status: 201, body: 'made' });
      const second = await post(receiver.url, '{}', agent);
      expect(second).toMatchObject({ status: 201, body: 'made', reusedSocket: true });
    } finally {
      agent.destroy();
      await receiver.close();
    }
  });

  it('fails with status, Retry-After and body, and still records the request', async () => {
    const receiver = await startTestReceiver({ mode: { kind: 'fail', status: 503, retryAfter: '7', body: 'down' } });
    try {
      const reply = await post(receiver.url, 'not json');
      expect(reply).toMatchObject({ status: 503, body: 'down' });
      expect(reply.headers['retry-after']).toBe('7');
      expect(receiver.requests).toHaveLength(1);
      expect(receiver.requests[0]?.json).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });

  it('redirects without a body', async () => {
    const receiver = await startTestReceiver({ mode: { kind: 'redirect', location: 'http://127.0.0.1:1/elsewhere' } });
    try {
      const reply = await post(receiver.url, '{}');
      expect(reply.status).toBe(302);
      expect(reply.headers.location).toBe('http://127.0.0.1:1/elsewhere');
    } finally {
      await receiver.close();
    }
  });

  it('resets the connection mid-request after recording it', async () => {
    const receiver = await startTestReceiver({ mode: { kind: 'reset' } });
    try {
      await expect(post(receiver.url, '{"a":1}')).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('hangs until closed, and close() ends the hung request promptly', async () => {
    const receiver = await startTestReceiver({ mode: { kind: 'hang' } });
    const pending = post(receiver.url, '{}');
    const outcome = pending.then(() => 'answered', () => 'dropped');
    await receiver.waitFor(1);
    const raced = await Promise.race([outcome, new Promise((resolve) => setTimeout(() => resolve('still hanging'), 200))]);
    expect(raced).toBe('still hanging');
    const started = Date.now();
    await receiver.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await outcome).toBe('dropped');
  });

  it('plays a scripted sequence of modes per request', async () => {
    const receiver = await startTestReceiver();
    receiver.setMode(modeSequence({ kind: 'fail', status: 500 }, { kind: 'fail', status: 429, retryAfter: '0' }, { kind: 'ok' }));
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(receiver.url, '{}')).status);
      expect(statuses).toEqual([500, 429, 200, 200]);
      receiver.setMode((req) => (req.path === '/close' ? { kind: 'fail', status: 410 } : { kind: 'ok' }));
      expect((await post(`${receiver.url}/close`, '{}')).status).toBe(410);
      expect((await post(`${receiver.url}/open`, '{}')).status).toBe(200);
    } finally {
      await receiver.close();
    }
  });

  it('waits for matching requests, and says what arrived when it times out', async () => {
    const receiver = await startTestReceiver();
    try {
      const waiting = receiver.waitFor((r) => r.path === '/update', 2_000, 2);
      await post(`${receiver.url}/open`, '{}');
      await post(`${receiver.url}/update`, '{}');
      await post(`${receiver.url}/update`, '{}');
      expect((await waiting).map((r) => r.path)).toEqual(['/update', '/update']);
      receiver.clear();
      expect(receiver.requests).toHaveLength(0);
      await post(`${receiver.url}/open`, '{}');
      await expect(receiver.waitFor(2, 100)).rejects.toThrow(
        'test receiver: timed out after 100 ms waiting for 2 request(s); got 1: POST /open',
      );
    } finally {
      await receiver.close();
    }
  });

  it('rejects a pending waitFor when closed', async () => {
    const receiver = await startTestReceiver();
    const waiting = receiver.waitFor(1, 5_000);
    await receiver.close();
    await expect(waiting).rejects.toThrow(/closed while waiting for 1 request/);
  });
});
