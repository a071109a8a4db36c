// Where the hub's JSON log lines go in the desktop app: stdout when started from a terminal
// (npm start), else <data folder>/logs/hub.log, rotated once at 10 MB at start-up. Lines are
// written synchronously (as pino's own file destination does) so the last ones before quit land.
import { existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';

const MAX_BYTES = 10 * 1024 * 1024;

export function hubLogFile(dataDir: string): string {
  return path.join(dataDir, 'logs', 'hub.log');
}

export function openLogDestination(dataDir: string, toStdout: boolean): NodeJS.WritableStream {
  if (toStdout) return process.stdout;
  const file = hubLogFile(dataDir);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (existsSync(file) && statSync(file).size > MAX_BYTES) renameSync(file, `${file}.1`);
  const fd = openSync(file, 'a', 0o600);
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        writeSync(fd, chunk);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
