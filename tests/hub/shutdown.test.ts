// SIGTERM while a POS keeps a keep-alive connection busy: the hub answers what it took and closes
// the connection as soon as it goes idle, instead of holding the stop for the whole grace period.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.ts';
import { makeEvent } from '../support/events.ts';

const GRACE_MS = 5_000; // SHUTDOWN_GRACE_MS in create-hub.ts

function post(url: URL, token: string, agent: http.Agent, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0)); // refused or closed: not acknowledged, safe to resend
    req.end(body);
  });
}

describe('clean stop with a busy keep-alive POS connection', () => {
  it('exits 0 well within the grace period, and every 202 was for a stored event', async () => {
    const hub = await startHubProcess();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(hub.ingestUrl);
    let sending = true;
    let acknowledged = 0;
    const stream = (async () => {
      for (let i = 0; sending && i < 5_000; i++) {
        const status = await post(url, hub.posToken, agent, JSON.stringify(makeEvent({ eventId: `ka-${i}` })));
        if (status !== 202) break;
        acknowledged++;
        await new Promise((resolve) => setTimeout(resolve, 30)); // a POS sending a few events a second
      }
    })();
    while (acknowledged < 20) await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    const code = await hub.stop();
    const took = Date.now() - started;
    sending = false;
    await stream;
    agent.destroy();
    expect(code).toBe(0);
    expect(took).toBeLessThan(GRACE_MS - 1_000);
    expect(hub.output()).not.toMatch(/error/i);
  });
});
