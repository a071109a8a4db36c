// The ingest baseline: what a straightforward server would do — node:http, JSON.parse, one
// better-sqlite3 insert per request (its own transaction and fsync: WAL + synchronous=FULL, as the
// hub), then 202. No validation, no routing, no group commit. Prints {"port"} when listening.
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';

const dataDir = process.argv[2]!;
const db = new Database(path.join(dataDir, 'naive.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, check_id TEXT NOT NULL,
  received_at INTEGER NOT NULL, body TEXT NOT NULL)`);
const insert = db.prepare('INSERT INTO events (event_id, check_id, received_at, body) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING');

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(text) as { eventId: string; check: { checkId: string } };
      const accepted = insert.run(event.eventId, event.check.checkId, Date.now(), text).changes;
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted, duplicates: 1 - accepted }));
    } catch {
      res.writeHead(400).end();
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
process.on('SIGTERM', () => server.close(() => { db.close(); process.exit(0); }));
