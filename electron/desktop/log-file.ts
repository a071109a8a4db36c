// Where the hub's JSON log lines go in the desktop app: stdout when started from a terminal
// (npm start), else <data folder>/logs/hub.log, rotated once at 10 MB at start-up.
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

const MAX_BYTES = 10 * 1024 * 1024;

export function hubLogFile(dataDir: string): string {
  return path.join(dataDir, 'logs', 'hub.log');
}

export function openLogDestination(dataDir: string, toStdout: boolean): NodeJS.WritableStream {
  if (toStdout) return process.stdout;
  const file = hubLogFile(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file) && statSync(file).size > MAX_BYTES) renameSync(file, `${file}.1`);
  return createWriteStream(file, { flags: 'a', mode: 0o600 });
}
