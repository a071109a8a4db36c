// The live stream over fetch (an EventSource can't send the Authorization header): the
// text/event-stream parser on chunks cut anywhere, and the reader against a real HTTP server —
// the Bearer header on every connection, a reconnect (with a refetch) after the stream drops,
// no reconnect once the hub refuses the token, and the connection closed after the last listener.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventStreamParser, openEventStream, type StreamEvent } from '../../renderer/src/client/event-stream.ts';

describe('eventStreamParser', () => {
  const STREAM = 'retry: 2000\n\n: keep-alive\n\nevent: change\ndata: {"changed":1}\n\nevent: change\r\ndata:{"changed":2}\r\n\r\ndata: a\ndata: b\n\nevent: empty\n\n';
  const EXPECTED: StreamEvent[] = [{ event: 'change', data: '{"changed":1}' }, { event: 'change', data: '{"changed":2}' }, { event: 'message', data: 'a\nb' }];

  it('reads events, multi-line data, comments, CRLF and the retry field', () => {
    const parser = eventStreamParser();
    expect(parser.push(STREAM)).toEqual(EXPECTED);
    expect(parser.retryMs()).toBe(2000);
  });

  it('gives the same events however the text is cut into chunks', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 12 }), (cuts) => {
      const parser = eventStreamParser();
      const bounds = [0, ...cuts.sort((a, b) => a - b), STREAM.length];
      const events = bounds.slice(1).flatMap((end, i) => parser.push(STREAM.slice(bounds[i], end)));
      expect(events).toEqual(EXPECTED);
    }), { numRuns: 300 });
  });

  it('a CR at the end of one chunk and LF at the start of the next is one line break', () => {
    const parser = eventStreamParser();
    expect(parser.push('event: change\r')).toEqual([]);
    expect(parser.push('\ndata: x\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual([{ event: 'change', data: 'x' }]);
  });
});

describe('openEventStream against a real server', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
  });

  async function serve(handler: (req: IncomingMessage, res: ServerResponse, connection: number) => void) {
    let connections = 0;
    const seen: IncomingMessage[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req);
      handler(req, res, ++connections);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stream`, seen };
  }

  it('sends the Bearer header, delivers events, reconnects after a drop and reports the reconnect', async () => {
    const { url, seen } = await serve((_req, res, connection) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('retry: 50\n\n');
      res.write(`event: change\ndata: {"connection":${connection}}\n\n`);
      if (connection === 1) res.end(); // the hub restarted, say
    });
    const events: string[] = [];
    const opened = vi.fn();
    const close = openEventStream(url, 'tok-123', {
      onEvent: (event) => events.push(`${event.event} ${event.data}`),
      onOpen: opened,
      onDenied: () => events.push('denied'),
    });
    await vi.waitFor(() => expect(events).toEqual(['change {"connection":1}', 'change {"connection":2}']), { timeout: 5_000 });
    expect(opened.mock.calls).toEqual([[{ reconnected: false }], [{ reconnected: true }]]);
    expect(seen.map((req) => req.headers.authorization)).toEqual(['Bearer tok-123', 'Bearer tok-123']);
    expect(seen.every((req) => req.headers.cookie === undefined)).toBe(true);
    expect(seen[0]!.headers.accept).toBe('text/event-stream');
    close();
  });

  it('stops for good when the hub refuses the token', async () => {
    const { url, seen } = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"unauthorized","message":"no"}}');
    });
    const denied = vi.fn();
    openEventStream(url, 'wrong', { onEvent: () => {}, onOpen: () => {}, onDenied: denied, retryMs: 20 });
    await vi.waitFor(() => expect(denied).toHaveBeenCalledOnce());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toHaveLength(1);
  });

  it('close() ends the connection and no reconnect follows', async () => {
    let closedByClient = false;
    const { url, seen } = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('retry: 20\n\n');
      req.on('close', () => (closedByClient = true));
    });
    const close = openEventStream(url, 't', { onEvent: () => {}, onOpen: () => {}, onDenied: () => {} });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    close();
    await vi.waitFor(() => expect(closedByClient).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen).toHaveLength(1);
  });
});
