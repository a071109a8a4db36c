// What `owh_ingest_events_total` counts beyond the accepted events the outbox keeps: duplicates
// (events already stored, which insert no row) and refused requests, seen from outside the ingest
// server so it stays as it is.
import type { Server } from 'node:http';
import type { GroupCommitter } from '../ingest/group-commit.ts';
import type { HubMetrics } from './hub-metrics.ts';

/** The committer, counting the duplicates of every batch it commits. */
export function countingDuplicates(committer: GroupCommitter, metrics: Pick<HubMetrics, 'countDuplicates'>): GroupCommitter {
  return {
    async submit(events) {
      const result = await committer.submit(events);
      if (result.duplicates > 0) metrics.countDuplicates(result.duplicates);
      return result;
    },
    close: () => committer.close(),
  };
}

/** Every answer of `POST /v1/events` that stored nothing (400, 401, 413, 415, 503, …). */
export function countRefusals(server: Server, metrics: Pick<HubMetrics, 'countRefused'>): void {
  server.on('request', (req, res) => {
    if (!(req.url ?? '').startsWith('/v1/events')) return;
    res.once('finish', () => {
      if (res.statusCode >= 400) metrics.countRefused();
    });
  });
}
