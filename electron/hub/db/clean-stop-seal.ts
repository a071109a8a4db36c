// A seal written when the hub stops cleanly: the outbox file's size and times at that moment.
// If the file is exactly as the hub left it, the slow full-file check at start-up (seconds with a
// million rows) can be skipped; after a crash, a power cut or any change from outside, it runs.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

interface Seal { size: number; mtimeMs: number; ctimeMs: number }

const sealFile = (dbFile: string) => `${dbFile}.clean-stop`;

function stamp(dbFile: string): Seal {
  const { size, mtimeMs, ctimeMs } = statSync(dbFile);
  return { size, mtimeMs, ctimeMs };
}

/** After the last connection closed (WAL checkpointed away). */
export function writeSeal(dbFile: string): void {
  writeFileSync(sealFile(dbFile), JSON.stringify(stamp(dbFile)), { mode: 0o600 });
}

/** True when the file is untouched since a clean stop. The seal is used up either way. */
export function takeSeal(dbFile: string): boolean {
  const file = sealFile(dbFile);
  if (!existsSync(file)) return false;
  try {
    const seal = JSON.parse(readFileSync(file, 'utf8')) as Seal;
    const now = stamp(dbFile);
    return !existsSync(`${dbFile}-wal`) && seal.size === now.size && seal.mtimeMs === now.mtimeMs && seal.ctimeMs === now.ctimeMs;
  } catch {
    return false;
  } finally {
    rmSync(file, { force: true });
  }
}
