// Opening the outbox (contract §1: nothing is ever lost): a database written by a newer version, or
// a file that is not a database, is refused with a clear error and left exactly as it was.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { postEvents } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import { startTestHub } from '../support/hub-fixture.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();
/** Files under `dir` this process still holds open (Linux; empty elsewhere). */
function openFilesUnder(dir: string): string[] {
  if (!existsSync('/proc/self/fd')) return [];
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(dir) ? [target] : [];
    } catch {
      return [];
    }
  });
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('opening the outbox database', () => {
  it('keeps the data of a previous run and does not re-run migrations', async () => {
    const dataDir = kit.dataDir();
    const first = await kit.hub({ dataDir });
    await postEvents(first, makeEvent());
    await first.close();
    const second = await kit.hub({ dataDir });
    expect(second.internals.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    const versions = second.internals.db.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('refuses a database with a migration from a newer version, with a clear error, and leaves it untouched', async () => {
    const dataDir = kit.dataDir();
    const hub = await kit.hub({ dataDir });
    await postEvents(hub, makeEvent());
    await hub.close();
    const file = path.join(dataDir, 'hub.db');
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(999, '999-from-the-future.sql', new Date().toISOString());
    db.close();
    const before = sha(file);

    await expect(startTestHub({ dataDir })).rejects.toThrow(/newer version.*999-from-the-future/s);
    expect(sha(file)).toBe(before);
    expect(openFilesUnder(dataDir)).toEqual([]); // not held open: it can be moved aside
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    check.close();
  });

  it('refuses a file that is not a database, with a clear error, and leaves it untouched', async () => {
    const dataDir = kit.dataDir();
    const file = path.join(dataDir, 'hub.db');
    const garbage = Buffer.from('this is not an SQLite database, but somebody may still need it\n'.repeat(200));
    writeFileSync(file, garbage);
    await expect(startTestHub({ dataDir })).rejects.toThrow(/Cannot open the outbox database.*left untouched/s);
    expect(readFileSync(file).equals(garbage)).toBe(true);
    expect(openFilesUnder(dataDir)).toEqual([]);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('hub.db'))).toEqual(['hub.db']);
  });
});
