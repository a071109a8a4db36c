// Micro-benchmark of the event-text scanners (electron/hub/http/event-text.ts) against what they
// replace: JSON.parse + JSON.stringify of a 1 KB event at ingest, and parse + stringify without
// `type` per webhook attempt. Run alone: `npx tsx tests/bench/event-text-micro.ts` (not part of
// `npm run bench`). Prints µs per event, the median of several rounds.
import { eventTexts, withoutTopLevelKey } from '../../electron/hub/http/event-text.ts';
import { eventOfSize } from '../support/events.ts';

function microsPerCall(run: () => unknown, calls: number, rounds = 9): number {
  for (let i = 0; i < calls; i++) run(); // warm up
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) run();
    times.push(Number(process.hrtime.bigint() - start) / 1000 / calls);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

const event = { ...eventOfSize(1024), loyaltyId: 0 };
const compact = JSON.stringify(event).replace('"loyaltyId":0', '"loyaltyId":9007199254740993');
const pretty = JSON.stringify(JSON.parse(compact), null, 2).replace('9007199254740992', '9007199254740993');
const batch = `{"events":[${Array.from({ length: 500 }, () => compact).join(',')}]}`;
const prettyBatch = JSON.stringify({ events: Array.from({ length: 500 }, () => JSON.parse(compact) as unknown) }, null, 2);
const N = 20_000;

const rows: [string, number][] = [
  ['ingest, compact 1 KB event: JSON.parse + JSON.stringify', microsPerCall(() => JSON.stringify(JSON.parse(compact)), N)],
  ['ingest, compact 1 KB event: eventTexts', microsPerCall(() => eventTexts(compact, false), N)],
  ['ingest, pretty-printed event: JSON.parse + JSON.stringify', microsPerCall(() => JSON.stringify(JSON.parse(pretty)), N)],
  ['ingest, pretty-printed event: eventTexts', microsPerCall(() => eventTexts(pretty, false), N)],
  ['ingest, batch of 500 (per event): JSON.parse + stringify each', microsPerCall(() => (JSON.parse(batch) as { events: unknown[] }).events.map((e) => JSON.stringify(e)), 40) / 500],
  ['ingest, batch of 500 (per event): eventTexts', microsPerCall(() => eventTexts(batch, true), 40) / 500],
  ['ingest, pretty batch of 500 (per event): eventTexts', microsPerCall(() => eventTexts(prettyBatch, true), 40) / 500],
  ['per attempt: parse, drop type, stringify', microsPerCall(() => { const { type: _t, ...data } = JSON.parse(compact) as Record<string, unknown>; return JSON.stringify(data); }, N)],
  ['per attempt: withoutTopLevelKey(text, "type")', microsPerCall(() => withoutTopLevelKey(compact, 'type'), N)],
];
console.log(`event: ${Buffer.byteLength(compact)} bytes compact, ${Buffer.byteLength(pretty)} pretty; node ${process.version}`);
for (const [name, micros] of rows) console.log(`${micros.toFixed(2).padStart(8)} µs  ${name}`);
if (!eventTexts(batch, true).every((text) => text.includes('9007199254740993'))) throw new Error('digits lost');
