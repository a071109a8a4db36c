// The drain baselines: a bare HTTP client posting the backlog's webhook bodies (byte for byte what
// the hub sends, read from the same outbox file) to the same partner with the hub's concurrency —
// no outbox, no ordering, no attempt log. Modes: axios set up like the hub's sender, axios's fetch
// adapter, and undici's Pool as the ceiling. Prints {"result": {...}} when done.
import http from 'node:http';
import axios from 'axios';
import Database from 'better-sqlite3';
import { Pool } from 'undici';
import type { Readable } from 'node:stream';
import { payloadOf } from '../../../electron/hub/outbox/log-queries.ts';
import type { EventType } from '../../../shared/event.ts';

type Mode = 'axios-http' | 'axios-fetch' | 'undici-pool';
const [mode, partnerUrl, dbFile, countText, concurrencyText, socketsText, maxSecondsText] = process.argv.slice(2) as [Mode, string, string, string, string, string, string];
const count = Number(countText);
const concurrency = Number(concurrencyText);
const sockets = Number(socketsText);
/** A rate needs no full pass: a slow client stops after this long (bounded run time). */
const maxMs = Number(maxSecondsText) * 1000;

interface Job { path: string; body: string; webhookId: string }
const db = new Database(dbFile, { readonly: true });
const rows = db.prepare(`SELECT d.hook, d.webhook_id, d.created_at, e.type, e.body FROM deliveries d JOIN events e ON e.seq = d.event_seq ORDER BY d.id LIMIT ?`)
  .all(count) as { hook: string; webhook_id: string; created_at: number; type: EventType; body: string }[];
db.close();
const jobs: Job[] = rows.map((r) => ({ path: `/${r.hook}`, body: JSON.stringify(payloadOf(r.body, r.type, r.created_at)), webhookId: r.webhook_id }));
const headersOf = (job: Job) => ({
  'content-type': 'application/json', 'user-agent': 'OrderWebhookHub-bench', 'webhook-id': job.webhookId,
  'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'X-API-Key': 'bench-partner-key-0123456789',
});

function sender(): (job: Job) => Promise<number> {
  if (mode === 'undici-pool') {
    const pool = new Pool(partnerUrl, { connections: sockets, pipelining: 1 });
    return async (job) => {
      const res = await pool.request({ path: job.path, method: 'POST', headers: headersOf(job), body: job.body });
      await res.body.text();
      return res.statusCode;
    };
  }
  if (mode === 'axios-fetch') {
    const client = axios.create({ adapter: 'fetch', baseURL: partnerUrl, maxRedirects: 0, validateStatus: () => true, responseType: 'stream', timeout: 10_000 });
    return async (job) => {
      const res = await client.post<ReadableStream<Uint8Array>>(job.path, job.body, { headers: headersOf(job) });
      for await (const chunk of res.data as unknown as AsyncIterable<Uint8Array>) void chunk;
      return res.status;
    };
  }
  const client = axios.create({
    baseURL: partnerUrl, maxRedirects: 0, validateStatus: () => true, responseType: 'stream', decompress: false, proxy: false, timeout: 10_000,
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: sockets }), transformRequest: [(data: unknown) => data],
  });
  return async (job) => {
    const res = await client.post<Readable>(job.path, job.body, { headers: headersOf(job) });
    await new Promise<void>((resolve) => {
      res.data.on('data', () => {});
      res.data.once('end', resolve);
      res.data.once('error', () => resolve());
    });
    return res.status;
  };
}

const send = sender();
let next = 0;
let ok = 0;
let errors = 0;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < jobs.length && performance.now() - started < maxMs) {
    const job = jobs[next++]!;
    try {
      const status = await send(job);
      if (status >= 200 && status < 300) ok += 1;
      else errors += 1;
    } catch {
      errors += 1;
    }
  }
}));
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ result: { mode, count: jobs.length, sent: ok + errors, ok, errors, seconds, perSecond: ok / seconds } }));
process.exit(0);
