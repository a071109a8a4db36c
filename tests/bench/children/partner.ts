// The loopback partner "switched on": answers 200 at once, and checks per-check order from the
// event id (`b<check>-<seq>`) at the start of each webhook body, without parsing the whole JSON.
// GET /__stats → {received, violations, duplicates}; POST /__reset clears them.
import http from 'node:http';

const EVENT_ID = /"eventId":"b(\d+)-(\d+)"/;
let received = 0;
let violations = 0;
let duplicates = 0;
let unknown = 0;
let last = new Map<number, number>();

const server = http.createServer((req, res) => {
  if (req.url === '/__stats') return void res.end(JSON.stringify({ received, violations, duplicates, unknown }));
  if (req.url === '/__reset') {
    received = violations = duplicates = unknown = 0;
    last = new Map();
    return void res.end('{}');
  }
  let head = '';
  req.on('data', (chunk: Buffer) => { if (head.length < 256) head += chunk.toString('latin1', 0, 256); });
  req.on('end', () => {
    received += 1;
    const match = EVENT_ID.exec(head);
    if (!match) unknown += 1;
    else {
      const check = Number(match[1]);
      const seq = Number(match[2]);
      const previous = last.get(check) ?? -1;
      if (seq === previous) duplicates += 1;
      else if (seq < previous) violations += 1;
      else last.set(check, seq);
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok');
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
