// Small files that must survive a power cut whole (config.json, the clean-stop seal): after one,
// such a file holds either its old content or the new one, never a mix, never nothing. The order is what makes it so: the new
// content is fsynced under a temporary name, renamed over the old file, and then the rename
// itself is made durable — a rename is only an entry in the folder, and without fsyncing the
// folder a power cut can bring the old file back (or, for a new file, no file at all).
// Windows cannot fsync a folder (FlushFileBuffers needs a handle opened for writing, which a
// folder never is); there, flushing the renamed file commits its pending metadata, its new
// name included (NtFlushBuffersFileEx, default flags), and NTFS journals the rest.
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

const isWindows = process.platform === 'win32';
/** Windows: a virus scanner or the indexer briefly holding the old file makes a rename fail. */
const RENAME_RETRIES = 20;
const RENAME_RETRY_MS = 50;

/** Makes `dir`'s entries durable: files created, renamed or removed in it stay so after a power cut. */
export function fsyncDirectory(dir: string): void {
  if (isWindows) return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** After a rename put `file` in place: makes that rename durable (see the header for Windows). */
export function syncRenamed(file: string): void {
  if (!isWindows) return fsyncDirectory(path.dirname(file));
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function renameOver(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      return renameSync(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!isWindows || attempt >= RENAME_RETRIES || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw error;
      sleep(RENAME_RETRY_MS);
    }
  }
}

/** Replaces `file` with `data` so that a power cut at any moment leaves the old or the new content, whole. */
export function writeFileDurably(file: string, data: string | Uint8Array, mode = 0o600): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      if (!isWindows) fchmodSync(fd, mode); // exactly `mode`, whatever the umask
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd); // the content is on disk before any name points at it
    } finally {
      closeSync(fd);
    }
    renameOver(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncRenamed(file);
}
