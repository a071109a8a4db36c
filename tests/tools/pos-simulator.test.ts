// The simulator must behave like a careful POS: retry what the hub could not take, never lose or
// double-count an event, and keep each check's events in order.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, expect } from 'vitest';
import { posEventSchema, type PosEvent } from '../../shared/event.ts';
import { runPosSimulator } from './pos-simulator.ts';
import { retryAfterMs } from './ingest-client.ts';

interface IngestStub { url: string; stored: PosEvent[]; requests: number; close(): Promise<void> }

/** A tiny ingest API: 202 with accepted/duplicates, except the answers scripted per request number. */
async function startIngestStub(script: Record<number, { status: number; headers?: Record<string, string> }> = {}): Promise<IngestStub> {
  const stored: PosEvent[] = [];
  const stub = { requests: 0 };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      stub.requests += 1;
      const scripted = script[stub.requests];
      if (req.headers.authorization !== 'Bearer T') return void res.writeHead(401).end('{"error":{"code":"unauthorized","message":"bad token","details":[]}}');
      if (scripted) return void res.writeHead(scripted.status, scripted.headers).end('{"error":{"code":"unavailable","message":"busy","details":[]}}');
      const body = JSON.parse(text) as { events?: unknown[] };
      const events = (body.events ?? [body]).map((e) => posEventSchema.parse(e));
      let duplicates = 0;
      for (const event of events) {
        if (stored.some((s) => s.eventId === event.eventId)) duplicates += 1;
        else stored.push(event);
      }
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: events.length - duplicates, duplicates }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, stored,
    get requests() { return stub.requests; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('POS simulator', () => {
  it('retries a 503 with Retry-After and gets every event acknowledged exactly once', async () => {
    const stub = await startIngestStub({ 2: { status: 503, headers: { 'retry-after': '0' } } });
    const lines: string[] = [];
    try {
      const summary = await runPosSimulator({ url: stub.url, token: 'T', checks: 4, rate: 0, oloShare: 0.5, log: (l) => lines.push(l) });
      const ids = stub.stored.map((e) => e.eventId);
      expect(summary.acknowledgedEventIds).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      expect(summary).toMatchObject({ sent: ids.length, accepted: ids.length, duplicates: 0, errors: 0, retries: 1, requests: ids.length + 1 });
      expect(stub.requests).toBe(ids.length + 1);
      expect(lines.some((l) => l.startsWith('503') && l.includes('retrying in 0.0 s'))).toBe(true);
      expect(lines.filter((l) => l.startsWith('202'))).toHaveLength(ids.length);
      expect(lines.at(-1)).toMatch(/^sent \d+ events in .* accepted \d+, duplicates 0, errors 0/);
      // Each check's events reached the hub in POS order: opened, updated…, closed.
      const checks = new Set(stub.stored.map((e) => e.check.checkId));
      expect(checks.size).toBe(4);
      for (const checkId of checks) {
        const types = stub.stored.filter((e) => e.check.checkId === checkId).map((e) => e.type);
        expect(types[0]).toBe('check.opened');
        expect(types.at(-1)).toBe('check.closed');
      }
    } finally {
      await stub.close();
    }
  });

  it('sends batches and stops after --count events', async () => {
    const stub = await startIngestStub();
    try {
      const summary = await runPosSimulator({ url: stub.url, token: 'T', count: 10, batch: 4, rate: 0, log: () => {} });
      expect(summary).toMatchObject({ sent: 10, accepted: 10, requests: 3, errors: 0 });
      expect(stub.stored).toHaveLength(10);
    } finally {
      await stub.close();
    }
  });

  it('paces requests at the asked rate', async () => {
    const stub = await startIngestStub();
    try {
      const summary = await runPosSimulator({ url: stub.url, token: 'T', count: 6, rate: 20, log: () => {} });
      // Six events at 20/s: the last goes out 250 ms after the first.
      expect(summary.elapsedMs).toBeGreaterThanOrEqual(240);
      expect(summary.accepted).toBe(6);
    } finally {
      await stub.close();
    }
  });

  it('stops at once when the hub rejects the token', async () => {
    const stub = await startIngestStub();
    const lines: string[] = [];
    try {
      const summary = await runPosSimulator({ url: stub.url, token: 'wrong', checks: 3, rate: 0, log: (l) => lines.push(l) });
      expect(summary).toMatchObject({ requests: 1, accepted: 0, errors: 1 });
      expect(lines).toContain('stopping: the hub rejected the POS token');
    } finally {
      await stub.close();
    }
  });

  it('retries through a hub that is not listening yet, within its retry budget', async () => {
    const stub = await startIngestStub();
    const url = stub.url;
    await stub.close();
    const summary = await runPosSimulator({ url, token: 'T', count: 1, rate: 0, maxRetries: 2, log: () => {} });
    expect(summary).toMatchObject({ sent: 1, requests: 3, errors: 1, accepted: 0 });
  });
});

describe('pos-simulator CLI', () => {
  it('prints one line per request and a summary, exiting 0 when all were acknowledged', async () => {
    const stub = await startIngestStub();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/tools/pos-simulator.ts', '--url', stub.url, '--token', 'T',
        '--count', '5', '--batch', '2', '--rate', '0', '--store', 'store-7'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => (output += chunk));
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(output.trim().split('\n').filter((l) => l.startsWith('202'))).toHaveLength(3);
      expect(output).toMatch(/sent 5 events in .*accepted 5, duplicates 0, errors 0/);
      expect(stub.stored.every((e) => e.storeId === 'store-7')).toBe(true);
    } finally {
      await stub.close();
    }
  });
});

describe('retryAfterMs', () => {
  it('reads delta seconds and HTTP dates, capped at a minute', () => {
    const now = Date.parse('2026-11-27T19:00:00Z');
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 19:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('86400', now)).toBe(60_000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
