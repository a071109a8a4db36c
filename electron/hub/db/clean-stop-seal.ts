// A seal written when the hub stops cleanly: the outbox file's size and times at that moment.
// If the file is exactly as the hub left it, the slow full-file check at start-up (seconds with a
// million rows) can be skipped; after a crash, a power cut or any change from outside, it runs.
// Both ends are made durable: the seal (with the file's times it records) before the hub says it
// stopped, so a power cut after a clean stop keeps the fast start; and its removal at the next
// start, before anything writes, so a cut later in that run cannot bring the seal back.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fsyncDirectory, writeFileDurably } from '../durable-file.ts';

interface Seal { size: number; mtimeMs: number; ctimeMs: number }

const sealFile = (dbFile: string) => `${dbFile}.clean-stop`;

function stamp(dbFile: string): Seal {
  const { size, mtimeMs, ctimeMs } = statSync(dbFile);
  return { size, mtimeMs, ctimeMs };
}

/** After the last connection closed (WAL checkpointed away). */
export function writeSeal(dbFile: string): void {
  // SQLite's last sync may have been data-only: make the size and times the seal records durable too.
  const fd = openSync(dbFile, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  writeFileDurably(sealFile(dbFile), JSON.stringify(stamp(dbFile)));
}

/** True when a seal is there and the file is exactly as it recorded. Reads only. */
export function sealHolds(dbFile: string): boolean {
  const file = sealFile(dbFile);
  if (!existsSync(file)) return false;
  try {
    const seal = JSON.parse(readFileSync(file, 'utf8')) as Seal;
    const now = stamp(dbFile);
    return !existsSync(`${dbFile}-wal`) && seal.size === now.size && seal.mtimeMs === now.mtimeMs && seal.ctimeMs === now.ctimeMs;
  } catch {
    return false;
  }
}

/** True when the file is untouched since a clean stop. The seal is used up either way. */
export function takeSeal(dbFile: string): boolean {
  const file = sealFile(dbFile);
  if (!existsSync(file)) return false;
  const holds = sealHolds(dbFile);
  rmSync(file, { force: true });
  fsyncDirectory(path.dirname(dbFile));
  return holds;
}
