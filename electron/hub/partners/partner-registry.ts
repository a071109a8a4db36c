// The store's partners: their pages live in config.json (settings-store.ts), their names also in
// the outbox's `partners` table, so the log still names a partner after it was removed. At start
// the two are reconciled: config.json says which partners exist.
import type { Database } from 'better-sqlite3';
import type { StoredPartner } from '../../../shared/partners.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

export interface PartnerRegistry {
  list(): readonly StoredPartner[];
  get(id: string): StoredPartner | undefined;
  /** The first partner: the page `/api/settings` reads and writes. There is always one. */
  first(): StoredPartner;
  /** A partner's name, also of one that was removed (the log keeps its deliveries). */
  nameOf(id: string): string;
  /** Adds a partner (the hub picks its id) and returns it. */
  add(partner: Omit<StoredPartner, 'id'>, now: number): StoredPartner;
  /** Saves a changed page of an existing partner. */
  replace(partner: StoredPartner): void;
  /** Removes a partner; `beforeConfig` runs first, in the outbox transaction that marks it removed. */
  remove(id: string, now: number, beforeConfig: () => void): void;
}

export function createPartnerRegistry(db: Database, settings: SettingsStore, now: number, onOrphans: (partnerId: string) => void): PartnerRegistry {
  const upsert = db.prepare(
    `INSERT INTO partners (id, name, created_at) VALUES (@id, @name, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, removed_at = NULL`,
  );
  const markRemoved = db.prepare('UPDATE partners SET removed_at = ? WHERE id = ? AND removed_at IS NULL');
  const names = new Map<string, string>();
  const loadNames = () => {
    for (const row of db.prepare('SELECT id, name, removed_at FROM partners').all() as { id: string; name: string; removed_at: number | null }[]) names.set(row.id, row.name);
  };

  db.transaction(() => {
    const live = new Set(settings.partners().map((p) => p.id));
    for (const partner of settings.partners()) upsert.run({ id: partner.id, name: partner.name, now });
    const known = db.prepare('SELECT id FROM partners WHERE removed_at IS NULL').pluck().all() as string[];
    for (const id of known.filter((id) => !live.has(id))) {
      markRemoved.run(now, id); // removed from config.json, but the outbox had not heard of it
      onOrphans(id);
    }
  })();
  loadNames();

  return {
    list: () => settings.partners(),
    get: (id) => settings.partners().find((p) => p.id === id),
    first: () => settings.partners()[0]!,
    nameOf: (id) => names.get(id) ?? id,
    add(partner, at) {
      const id = `p${settings.nextPartnerNumber}`;
      const added = { ...partner, id } as StoredPartner;
      upsert.run({ id, name: added.name, now: at });
      settings.savePartners([...settings.partners(), added], settings.nextPartnerNumber + 1);
      names.set(id, added.name);
      return added;
    },
    replace(partner) {
      settings.savePartners(settings.partners().map((p) => (p.id === partner.id ? partner : p)));
      upsert.run({ id: partner.id, name: partner.name, now: 0 });
      names.set(partner.id, partner.name);
    },
    remove(id, at, beforeConfig) {
      db.transaction(() => {
        beforeConfig();
        markRemoved.run(at, id);
      })();
      settings.savePartners(settings.partners().filter((p) => p.id !== id));
    },
  };
}
