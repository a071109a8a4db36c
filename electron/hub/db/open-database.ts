// Opens the outbox file: WAL, pragmas, and the numbered migrations. Refuses (never recreates) a
// database it cannot read or whose schema is newer than this build.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { takeSeal } from './clean-stop-seal.ts';

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

export interface OpenOptions {
  /** better-sqlite3 built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  migrationsDir?: string;
}

const MIGRATION_FILE = /^(\d{3})-[\w-]+\.sql$/;

export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Source tree: ./migrations beside this file; Electron bundle: dist-electron/migrations.
  const candidates = [path.join(here, 'migrations'), path.join(here, 'db', 'migrations')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db | undefined;
  const sealed = existsSync(file) && takeSeal(file);
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    // Damaged pages are otherwise only found when a row on them is read — after the hub has
    // taken new events into the file. Checked first: switching to WAL would already write to it.
    // Skipped only when the file is byte-for-byte as a clean stop left it (clean-stop-seal.ts).
    if (!sealed) {
      const problems = (db.pragma('quick_check(3)', { simple: false }) as { quick_check: string }[]).map((row) => row.quick_check);
      if (problems.join() !== 'ok') throw new Error(`the file is damaged (${problems.join('; ')})`);
    }
    db.pragma('journal_mode = WAL');
  } catch (error) {
    db?.close(); // a refused file must not stay open (Windows could not move it aside)
    throw new DatabaseError(`Cannot open the outbox database ${file}: ${(error as Error).message}. ` +
      'It was left untouched; restore it from a backup or move it aside to start a new one (undelivered orders in it would be lost).');
  }
  // FULL: in WAL mode every commit is fsynced before the POS gets its 202, so an acknowledged
  // event survives a power cut, not only a crash. Group commit amortises the fsync.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -16000'); // 16 MB page cache: bounded memory with a million rows
  try {
    migrate(db, options.migrationsDir ?? defaultMigrationsDir());
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

interface Migration { version: number; name: string; sql: string }

function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((name) => MIGRATION_FILE.test(name))
    .sort()
    .map((name) => ({ version: Number(MIGRATION_FILE.exec(name)![1]), name, sql: readFileSync(path.join(dir, name), 'utf8') }));
}

export function migrate(db: Db, dir: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const migrations = readMigrations(dir);
  const known = new Set(migrations.map((m) => m.version));
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  const unknown = applied.filter((row) => !known.has(row.version));
  if (unknown.length > 0) {
    throw new DatabaseError(`The outbox database was written by a newer version of Order Webhook Hub (migration ${unknown.map((u) => u.name).join(', ')}). ` +
      'Install that version again; this one will not touch the data.');
  }
  const done = new Set(applied.map((row) => row.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations.filter((m) => !done.has(m.version))) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
}
