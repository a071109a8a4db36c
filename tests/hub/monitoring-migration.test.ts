// Migration 004 and config.json's `monitoring` on a data folder written by an earlier version (the
// committed 0.1.0 fixture): the attempts and events already in the outbox are counted once,
// monitoring starts off, and nothing is sent to any head office.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../support/hub-fixture.ts';
import { copyFixture } from '../fixtures/data-folder-0.1.0.ts';
import { createOutboxFigures } from '../../electron/hub/monitoring/outbox-figures.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();

describe('upgrading to fleet health', () => {
  it('counts the attempts and events the outbox already held, and starts with monitoring off', async () => {
    const dir = kit.dataDir();
    copyFixture(dir);
    const hub = await kit.hub({ dataDir: dir, clock: new ManualClock() });
    const { db } = hub.internals;
    expect(db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all()).toContain('004-monitoring.sql');
    expect(db.prepare('SELECT partner_id, hook, outcome, n FROM attempt_counts ORDER BY hook, outcome').all()).toEqual([
      { partner_id: 'p1', hook: 'close', outcome: 'delivered', n: 3 },
      { partner_id: 'p1', hook: 'open', outcome: 'delivered', n: 3 },
      { partner_id: 'p1', hook: 'open', outcome: 'retry', n: 1 },
      { partner_id: 'p1', hook: 'update', outcome: 'delivered', n: 6 },
    ]);
    expect(createOutboxFigures(db).acceptedEvents()).toBe(27); // seeded with the highest sequence number

    const monitoring = await hub.service.getMonitoring();
    expect(monitoring).toMatchObject({ url: '', requestHeader: { name: '', hasValue: false }, signingSecret: null, intervalSeconds: 300, status: { state: 'off' } });
    expect(monitoring.storeName).not.toBe('');
    expect(db.prepare('SELECT COUNT(*) FROM monitoring_messages').pluck().get()).toBe(0);
    await hub.close();
    // The upgraded file keeps the partner page as it was; `monitoring` comes with the first write.
    const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as { monitoring?: { url: string } };
    expect(config.monitoring?.url).toBe('');
  });
});
