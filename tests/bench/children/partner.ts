// The loopback partner(s) "switched on": one server per port (one port per partner of the hub),
// answering 200 at once — or after --delay ms, or never (--delay hang), or 503 for the first
// --fail-ms ms — and checking per-check order per port from the event id (`b<check>-<seq>`) at the
// start of each webhook body, without parsing the whole JSON. Prints {"port", "ports"} when
// listening and {"hung": n} when it first holds a request unanswered.
// GET /__stats (any port) → {received, violations, duplicates, unknown} over all ports; POST /__reset.
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { ports: { type: 'string', default: '1' }, delay: { type: 'string', default: '0' }, 'fail-ms': { type: 'string', default: '0' } } });
const hang = values.delay === 'hang';
const delayMs = hang ? 0 : Number(values.delay);
const failUntil = Date.now() + Number(values['fail-ms']);

const EVENT_ID = /"eventId":"b(\d+)-(\d+)"/;
let received = 0;
let violations = 0;
let duplicates = 0;
let unknown = 0;
let hung = 0;
let last = new Map<string, number>();

function check(port: number, head: string) {
  const match = EVENT_ID.exec(head);
  if (!match) return void (unknown += 1);
  const key = `${port}:${match[1]}`;
  const seq = Number(match[2]);
  const previous = last.get(key) ?? -1;
  if (seq === previous) duplicates += 1;
  else if (seq < previous) violations += 1;
  else last.set(key, seq);
}

/** The request handler of the partner on `port` (the order check is per partner: the port is the partner). */
function handler(port: number): http.RequestListener {
  return (req, res) => {
    if (req.url === '/__stats') return void res.end(JSON.stringify({ received, violations, duplicates, unknown }));
    if (req.url === '/__reset') {
      received = violations = duplicates = unknown = 0;
      last = new Map();
      return void res.end('{}');
    }
    let head = '';
    req.on('data', (chunk: Buffer) => { if (head.length < 256) head += chunk.toString('latin1', 0, 256); });
    req.on('end', () => {
      if (Date.now() < failUntil) return void res.writeHead(503, { 'content-length': '0' }).end();
      if (hang) {
        if (hung++ === 0) console.log(JSON.stringify({ hung }));
        return;
      }
      const answer = () => {
        received += 1;
        check(port, head);
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok');
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  };
}

const servers: http.Server[] = [];
const ports: number[] = [];
for (let i = 0; i < Number(values.ports); i++) {
  const server = http.createServer();
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  server.on('request', handler(port));
  servers.push(server);
  ports.push(port);
}
console.log(JSON.stringify({ port: ports[0], ports }));
process.on('SIGTERM', () => {
  for (const server of servers) server.closeAllConnections();
  Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))).then(() => process.exit(0));
});
