// One hub per data folder: the desktop app and `npm run serve` on the same folder would both
// deliver the same queue and send every order twice. A lock file holding the owner's pid says
// who has it; a lock left by a process that died (power cut, kill -9) is taken over.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirBusy extends Error {
  override name = 'DataDirBusy';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock; returns its release. Throws DataDirBusy while another live hub holds it. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'hub.lock');
  const mine = String(process.pid);
  try {
    writeFileSync(file, mine, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new DataDirBusy(`Another Order Webhook Hub (process ${owner}) is already running on ${dataDir}; stop it first (two hubs on one folder would send every order twice)`);
    }
    writeFileSync(file, mine, { mode: 0o600 }); // stale: its owner is gone
  }
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === mine) unlinkSync(file);
    } catch {
      // already gone
    }
  };
}
