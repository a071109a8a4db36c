// Making a file's new name survive a power cut: after a rename (how config.json is replaced), the
// folder itself must be fsynced, or a reboot can bring back the old directory entry.
import { closeSync, fsyncSync, openSync } from 'node:fs';

/** fsyncs a folder's entries. Windows can't open a folder for fsync; NTFS journals renames itself. */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
