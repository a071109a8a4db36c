// The full-file check at start-up is skipped only for a file exactly as a clean stop left it;
// a crash, or any change to the file from outside, brings the check (and a refusal) back.
import { existsSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHub } from '../support/hub-fixture.ts';
import { tempDataDir } from '../support/hub-process.ts';
import { takeSeal } from '../../electron/hub/db/clean-stop-seal.ts';

describe('clean-stop seal', () => {
  it('a clean stop seals the file; the next start uses the seal up', async () => {
    const dataDir = tempDataDir();
    const dbFile = path.join(dataDir, 'hub.db');
    await (await startTestHub({ dataDir })).close();
    expect(existsSync(`${dbFile}.clean-stop`)).toBe(true);
    const hub = await startTestHub({ dataDir });
    expect(existsSync(`${dbFile}.clean-stop`)).toBe(false); // a crash from here on means a check next time
    await hub.close();
  });

  it('a file changed after the clean stop is checked, and refused when damaged', async () => {
    const dataDir = tempDataDir();
    const dbFile = path.join(dataDir, 'hub.db');
    const hub = await startTestHub({ dataDir });
    hub.internals.db.exec("CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO filler SELECT hex(randomblob(500)) FROM n");
    await hub.close();
    const size = statSync(dbFile).size;
    const fd = openSync(dbFile, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, size - 8192); // damage a page near the end
    closeSync(fd);
    await expect(startTestHub({ dataDir })).rejects.toThrow(/Cannot open the outbox database .*(damaged|malformed|not a database)/);
  });

  it('no seal (a crash) or a mismatched one is never trusted', () => {
    const dataDir = tempDataDir();
    expect(takeSeal(path.join(dataDir, 'hub.db'))).toBe(false);
  });
});
