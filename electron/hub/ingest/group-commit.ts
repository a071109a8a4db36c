// Group commit: batches that arrive in the same turn of the event loop share one transaction
// and one fsync. Each request's batch sits in its own savepoint, so one bad batch fails alone and
// a batch is still all or nothing. Nobody hears "accepted" before the commit returns.
import type { Database } from 'better-sqlite3';
import type { IngestResult } from '../../../shared/event.ts';
import type { StoredPartner } from '../../../shared/partners.ts';
import type { AcceptedEvent, EventStore } from '../outbox/event-store.ts';

export class WriteUnavailable extends Error {
  override name = 'WriteUnavailable';
}

const UNAVAILABLE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|NOMEM|PROTOCOL)/;

export function isUnavailable(error: unknown): boolean {
  return error instanceof WriteUnavailable || UNAVAILABLE.test((error as { code?: string }).code ?? '');
}

interface Waiting {
  events: AcceptedEvent[];
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitter {
  submit(events: AcceptedEvent[]): Promise<IngestResult>;
  /** Commits what is queued, then refuses new batches. */
  close(): void;
}

export function createGroupCommitter(deps: {
  db: Database;
  events: EventStore;
  partners: () => readonly StoredPartner[];
  now: () => number;
  onCommitted: (queued: number) => void;
}): GroupCommitter {
  let queue: Waiting[] = [];
  let scheduled = false;
  let closed = false;

  const commitGroup = deps.db.transaction((group: Waiting[], partners: readonly StoredPartner[], now: number) => {
    const results: (IngestResult & { queued: number } | Error)[] = [];
    for (const item of group) {
      try {
        results.push(deps.db.transaction(() => deps.events.insertBatch(item.events, partners, now))());
      } catch (error) {
        if (isUnavailable(error)) throw error; // the whole group cannot be written
        results.push(error as Error);
      }
    }
    return results;
  });

  function flush() {
    scheduled = false;
    const group = queue;
    queue = [];
    if (group.length === 0) return;
    let results: ReturnType<typeof commitGroup>;
    try {
      results = commitGroup(group, deps.partners(), deps.now());
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    let queued = 0;
    group.forEach((item, i) => {
      const result = results[i]!;
      if (result instanceof Error) return item.reject(result);
      queued += result.queued;
      item.resolve({ accepted: result.accepted, duplicates: result.duplicates });
    });
    if (queued > 0) deps.onCommitted(queued);
  }

  return {
    submit(events) {
      if (closed) return Promise.reject(new WriteUnavailable('The hub is shutting down'));
      return new Promise((resolve, reject) => {
        queue.push({ events, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    close() {
      flush();
      closed = true;
    },
  };
}
