// The ingest load: autocannon's programmatic API in its own process, every request a unique valid
// 1 KB check event (setupRequest writes a fresh eventId into one template). Prints the result as JSON.
import autocannon from 'autocannon';
import { eventOfSize } from '../../support/events.ts';

const [url, token, connections, seconds, eventBytes, runId] = process.argv.slice(2) as [string, string, string, string, string, string];
const template = JSON.stringify(eventOfSize(Number(eventBytes), {
  eventId: '@@@@@@@@@@@@@@@@', storeId: 'store-042', check: { checkId: 'c-############' },
}));
const run = runId.slice(0, 8).padEnd(8, 'x');
let counter = 0;
const pad = (n: number) => String(n).padStart(8, '0');

const instance = autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  requests: [{
    method: 'POST',
    setupRequest: (request) => {
      const n = counter++;
      // Same length as the template, so every event stays exactly `eventBytes` long.
      // Five events per check, like a short check lifecycle.
      const body = template.replace('@@@@@@@@@@@@@@@@', `${run}${pad(n)}`).replace('############', `${run.slice(0, 4)}${pad(Math.floor(n / 5))}`);
      return { ...request, body };
    },
  }],
}, (error, result) => {
  if (error) throw error;
  console.log(JSON.stringify({
    result: {
      sent: counter, ok2xx: result['2xx'], non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
      durationSeconds: result.duration, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average,
    },
  }));
});
process.on('SIGTERM', () => instance.stop());
