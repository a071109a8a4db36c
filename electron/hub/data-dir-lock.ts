// One hub per data folder: the desktop app and `npm run serve` on the same folder would both
// deliver the same queue and send every order twice. The guard is an operating-system lock, not
// a pid check: SQLite's own file locking on a small database of its own, `hub.lock.db`, whose
// owner keeps a write transaction open (BEGIN IMMEDIATE: a RESERVED lock) for as long as it runs.
// The OS drops that lock the moment its process ends, however it ends — fcntl() locks on Linux
// and macOS, LockFileEx() on Windows ("if a process terminates with a portion of a file locked
// … the locks are unlocked by the operating system") — and no lock survives a reboot, so a hub
// killed or cut off by a power failure never keeps the next one out, whatever pid its file names.
// The owner's pid is written (and committed) before the lock is taken, only so the refusal can
// name it: a RESERVED lock still lets others read. The old `hub.lock` (a bare pid) is ignored.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'hub.lock.db';
/** Before the OS lock: a text file holding the owner's pid, which after a reboot named a stranger. */
const LEGACY_LOCK_FILE = 'hub.lock';
/** Two hubs starting in the same instant can overwrite each other's pid; a few rounds settle it. */
const ROUNDS = 5;

export class DataDirBusy extends Error {
  override name = 'DataDirBusy';
}

function isBusy(error: unknown): boolean {
  return String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');
}

/** BEGIN IMMEDIATE: true with the lock held, false when another connection holds it. */
function tryLock(db: Db): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
  }
}

function ownerPid(db: Db): number | null {
  try {
    const pid = db.prepare('SELECT pid FROM owner WHERE id = 1').pluck().get();
    return typeof pid === 'number' ? pid : null;
  } catch {
    return null; // the owner is between its two steps, or wrote no pid yet
  }
}

function busy(db: Db, dataDir: string): DataDirBusy {
  const pid = ownerPid(db);
  const who = pid === null ? 'Another Order Webhook Hub' : `Another Order Webhook Hub (process ${pid})`;
  return new DataDirBusy(`${who} is already running on ${dataDir}; stop it first (two hubs on one folder would send every order twice)`);
}

function take(db: Db, dataDir: string): void {
  for (let round = 0; round < ROUNDS; round++) {
    if (!tryLock(db)) throw busy(db, dataDir);
    db.exec('CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, since TEXT NOT NULL)');
    db.prepare('INSERT OR REPLACE INTO owner (id, pid, since) VALUES (1, ?, ?)').run(process.pid, new Date().toISOString());
    db.exec('COMMIT'); // the pid is readable from here on
    if (!tryLock(db)) throw busy(db, dataDir); // another hub got in between the two steps: it owns the folder
    if (ownerPid(db) === process.pid) return;
    db.exec('ROLLBACK'); // another starter wrote its pid in between and lost: write ours again
  }
  throw new DataDirBusy(`Could not take the lock on ${dataDir}: other Order Webhook Hubs keep starting on it`);
}

/** An old-format lock file is a pid and nothing else; it means nothing now, so it goes. */
function removeLegacyLock(dataDir: string): void {
  const file = path.join(dataDir, LEGACY_LOCK_FILE);
  try {
    if (/^\s*\d+\s*$/.test(readFileSync(file, 'utf8'))) rmSync(file, { force: true });
  } catch {
    // none there
  }
}

/** Takes the folder's lock; returns its release. Throws DataDirBusy while another live hub holds it. */
export function lockDataDir(dataDir: string, options: { nativeBinding?: string } = {}): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  let db: Db;
  try {
    db = new Database(file, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (error) {
    throw new Error(`Cannot open the data folder's lock ${file}: ${(error as Error).message}`);
  }
  try {
    take(db, dataDir);
  } catch (error) {
    db.close();
    if (error instanceof DataDirBusy) throw error;
    throw new Error(`Cannot lock the data folder with ${file}: ${(error as Error).message}. No hub can hold a lock file it cannot read: if none is running, delete ${LOCK_FILE} and start again.`);
  }
  removeLegacyLock(dataDir);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      db.exec('DELETE FROM owner');
      db.exec('COMMIT'); // the lock goes with the commit, and no pid stays behind
    } catch {
      // a reader in the way: closing rolls back, which releases the lock just the same
    } finally {
      db.close();
    }
  };
}
