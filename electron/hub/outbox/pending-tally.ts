// Counting newly queued deliveries: the dashboard's state_counts table gains one upsert per
// (partner, hook) of a batch instead of a trigger firing for every inserted row (migration 005).
// Every insert of a delivery goes through here; state changes and deletions are counted by triggers.
import type { Database } from 'better-sqlite3';

export interface PendingTally {
  /** One more pending delivery of (partner, hook) in the current batch. */
  add(partnerId: string, hook: string): void;
  /** Writes the batch's counts; call inside the transaction that inserted the rows. */
  flush(): void;
}

export function createPendingTally(db: Database): PendingTally {
  const upsert = db.prepare(
    `INSERT INTO state_counts (partner_id, hook, state, n) VALUES (?, ?, 'pending', ?)
     ON CONFLICT (partner_id, hook, state) DO UPDATE SET n = n + excluded.n`,
  );
  const counts = new Map<string, { partnerId: string; hook: string; n: number }>();
  return {
    add(partnerId, hook) {
      const key = `${partnerId}\u0000${hook}`;
      const entry = counts.get(key);
      if (entry) entry.n += 1;
      else counts.set(key, { partnerId, hook, n: 1 });
    },
    flush() {
      for (const { partnerId, hook, n } of counts.values()) upsert.run(partnerId, hook, n);
      counts.clear();
    },
  };
}
