// A programmable webhook receiver for tests (after Svix's test receiver): listens on 127.0.0.1:0,
// records every request, and answers as told — ok, fail, hang, reset or redirect — per request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ReceiverMode =
  | { kind: 'ok'; status?: number; body?: string; delayMs?: number }
  | { kind: 'fail'; status: number; retryAfter?: string; body?: string }
  /** Never answers; the request stays open until the client gives up or the receiver closes. */
  | { kind: 'hang' }
  /** Drops the connection with a TCP reset after reading the request, before any answer. */
  | { kind: 'reset' }
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 303 | 307 | 308 };

export interface RecordedRequest {
  /** 0-based arrival order since start (not reset by clear()). */
  index: number;
  method: string;
  /** Path and query string, e.g. `/orders/open?x=1`. */
  path: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  /** Epoch milliseconds when the whole body had arrived. */
  receivedAt: number;
}

export type ModeSelector = ReceiverMode | ((request: RecordedRequest) => ReceiverMode);

export interface TestReceiverOptions {
  host?: string;
  port?: number;
  mode?: ModeSelector;
  /** Called for every request once its answer is chosen (the mock partner prints from here). */
  onRequest?: (request: RecordedRequest, mode: ReceiverMode) => void;
}

export interface Receiver {
  /** Base URL with the bound port, e.g. http://127.0.0.1:41234 — append any path. */
  readonly url: string;
  readonly port: number;
  /** Requests recorded since start or the last clear(), oldest first. */
  readonly requests: readonly RecordedRequest[];
  /**
   * Resolves with the matching requests once `count` of them arrived (a number alone waits for that
   * many requests of any kind); rejects with what did arrive after `timeoutMs`.
   */
  waitFor(condition: number | ((request: RecordedRequest) => boolean), timeoutMs?: number, count?: number): Promise<RecordedRequest[]>;
  setMode(mode: ModeSelector): void;
  clear(): void;
  /** Closes every socket, hung and keep-alive ones included, and stops listening. */
  close(): Promise<void>;
}

/** A scripted sequence: the n-th request gets modes[n], later ones the last mode. */
export function modeSequence(...modes: ReceiverMode[]): (request: RecordedRequest) => ReceiverMode {
  let next = 0;
  return () => modes[Math.min(next++, modes.length - 1)] ?? { kind: 'ok' };
}

interface Waiter {
  matches(request: RecordedRequest): boolean;
  count: number;
  describe: string;
  resolve(requests: RecordedRequest[]): void;
  reject(error: Error): void;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export async function startTestReceiver(options: TestReceiverOptions = {}): Promise<Receiver> {
  let mode: ModeSelector = options.mode ?? { kind: 'ok' };
  let requests: RecordedRequest[] = [];
  let arrived = 0;
  let waiters: Waiter[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const settleWaiters = (): void => {
    waiters = waiters.filter((waiter) => {
      const matched = requests.filter((r) => waiter.matches(r));
      if (matched.length < waiter.count) return true;
      waiter.resolve(matched);
      return false;
    });
  };

  const answer = (res: ServerResponse, chosen: ReceiverMode): void => {
    switch (chosen.kind) {
      case 'ok': {
        const send = (): void => {
          res.writeHead(chosen.status ?? 200, { 'content-type': 'text/plain' }).end(chosen.body ?? 'ok');
        };
        if (!chosen.delayMs) return send();
        const timer = setTimeout(() => { timers.delete(timer); send(); }, chosen.delayMs);
        timers.add(timer);
        return;
      }
      case 'fail': {
        const headers: Record<string, string> = { 'content-type': 'text/plain' };
        if (chosen.retryAfter !== undefined) headers['retry-after'] = chosen.retryAfter;
        res.writeHead(chosen.status, headers).end(chosen.body ?? `failing on purpose (${chosen.status})`);
        return;
      }
      case 'redirect':
        res.writeHead(chosen.status ?? 302, { location: chosen.location }).end();
        return;
      case 'hang':
        return;
      case 'reset':
        res.socket?.resetAndDestroy();
        return;
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = {
        index: arrived++, method: req.method ?? 'GET', path: req.url ?? '/',
        headers: headersOf(req), body, json: parseJson(body), receivedAt: Date.now(),
      };
      const chosen = typeof mode === 'function' ? mode(request) : mode;
      // Recorded before answering, so a failing, hung or reset request is still seen by the test.
      requests.push(request);
      options.onRequest?.(request, chosen);
      settleWaiters();
      answer(res, chosen);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A reset socket raises an error on our side too; it is the point of the mode, not a failure.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    get requests() {
      return requests;
    },
    waitFor(condition, timeoutMs = 5_000, count = 1) {
      const byCount = typeof condition === 'number';
      const waiter: Omit<Waiter, 'resolve' | 'reject'> = {
        matches: byCount ? () => true : condition,
        count: byCount ? condition : count,
        describe: byCount ? `${condition} request(s)` : `${count} request(s) matching ${condition.name || 'the predicate'}`,
      };
      return new Promise<RecordedRequest[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          waiters = waiters.filter((w) => w.resolve !== done);
          const seen = requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none';
          reject(new Error(`test receiver: timed out after ${timeoutMs} ms waiting for ${waiter.describe}; got ${requests.length}: ${seen}`));
        }, timeoutMs);
        timers.add(timer);
        const done = (matched: RecordedRequest[]): void => {
          clearTimeout(timer);
          timers.delete(timer);
          resolve(matched);
        };
        const fail = (error: Error): void => {
          clearTimeout(timer);
          timers.delete(timer);
          reject(error);
        };
        waiters.push({ ...waiter, resolve: done, reject: fail });
        settleWaiters();
      });
    },
    setMode(next) {
      mode = next;
    },
    clear() {
      requests = [];
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const waiter of waiters) waiter.reject(new Error(`test receiver closed while waiting for ${waiter.describe}`));
      waiters = [];
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
