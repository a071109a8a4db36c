// What a power cut must not have broken in hub.db, read from a copy of what the disk kept, taken
// after the cut and before the hub starts again (nothing could have repaired it, and the peek
// itself leaves no trace: even a read-only SQLite connection creates -wal and -shm files, which
// would hide a clean-stop seal from the next start): the file is sound, every
// acknowledged event is there, every batch is whole or absent, a delivery recorded `delivered`
// is still delivered or waiting to go again under the same webhook-id, and a clean-stop seal is
// only there for the very file a clean stop left.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../support/hub-process.ts';
import { expect } from 'vitest';
import { sealHolds } from '../../../electron/hub/db/clean-stop-seal.ts';
import { withOutbox } from '../../support/reliability-kit.ts';
import type { Batch } from './pos-streams.ts';

/** Deliveries the hub has recorded `delivered` since `since` (older ones retention may prune): id → webhook-id. */
export function deliveredNow(dataDir: string, since: number): Map<number, string> {
  return withOutbox(dataDir, (db) => new Map(
    (db.prepare("SELECT id, webhook_id FROM deliveries WHERE state = 'delivered' AND updated_at >= ?").all(since) as { id: number; webhook_id: string }[])
      .map((row) => [row.id, row.webhook_id]),
  ));
}

export function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export interface CutAudit {
  /** Deliveries recorded delivered before the cut that the cut sent back to the queue. */
  rolledBack: number[];
  acknowledgedEvents: number;
  sealHeld: boolean;
}

/** `folder` is the data folder as the rebooted hub sees it, `disk` what the disk holds (the backing folder). */
export function auditAfterCut(folder: { mountpoint: string; backing: string }, batches: readonly Batch[], deliveredBefore: ReadonlyMap<number, string>, sealedHash: string | null): CutAudit {
  const disk = folder.backing;
  const dbFile = path.join(disk, 'hub.db');
  const sealHeld = sealHolds(path.join(folder.mountpoint, 'hub.db')); // the times the hub will see
  // A seal tells the next start to skip the full-file check: it must be for this exact file.
  if (sealHeld && sealedHash !== null) expect(fileHash(dbFile), 'a seal that holds is for the file a clean stop left').toBe(sealedHash);
  const copy = tempDataDir('owh-power-audit-');
  for (const name of ['hub.db', 'hub.db-wal']) if (existsSync(path.join(disk, name))) copyFileSync(path.join(disk, name), path.join(copy, name));
  try {
    return auditOutbox(copy, batches, deliveredBefore, sealHeld);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function auditOutbox(dataDir: string, batches: readonly Batch[], deliveredBefore: ReadonlyMap<number, string>, sealHeld: boolean): CutAudit {
  return withOutbox(dataDir, (db) => {
    expect(db.pragma('integrity_check', { simple: true }), 'hub.db after the cut').toBe('ok');
    expect(db.pragma('foreign_key_check'), 'no row lost its parent').toEqual([]);
    const stored = new Set(db.prepare('SELECT event_id FROM events').pluck().all() as string[]);
    let acknowledgedEvents = 0;
    for (const batch of batches) {
      const present = batch.ids.filter((id) => stored.has(id)).length;
      if (batch.status === 202) {
        expect(present, `acknowledged batch ${batch.ids[0]}… (${batch.ids.length} events) is stored`).toBe(batch.ids.length);
        acknowledgedEvents += present;
      } else {
        expect([0, batch.ids.length], `unacknowledged batch ${batch.ids[0]}… (${batch.status}) is all or nothing`).toContain(present);
      }
    }
    const row = db.prepare('SELECT webhook_id, state FROM deliveries WHERE id = ?');
    const rolledBack: number[] = [];
    for (const [id, webhookId] of deliveredBefore) {
      const now = row.get(id) as { webhook_id: string; state: string } | undefined;
      expect(now, `delivery ${id}, recorded delivered, still exists`).toBeDefined();
      expect(now!.webhook_id, `delivery ${id} keeps its webhook-id`).toBe(webhookId);
      if (now!.state === 'delivered') continue;
      // Its `delivered` was a relaxed commit (synchronous=NORMAL) the cut rolled back: it waits
      // to be sent again, under the same webhook-id, so the partner can drop the repeat.
      expect(['pending', 'delivering', 'retrying'], `delivery ${id} rolled back to a waiting state`).toContain(now!.state);
      rolledBack.push(id);
    }
    return { rolledBack, acknowledgedEvents, sealHeld };
  });
}
