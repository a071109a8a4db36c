-- Several partners per store (contract §7). Every delivery belongs to one partner; per-check order,
-- the due queue and the dashboard counts are per partner. A 0.1.0 outbox had exactly one partner:
-- its deliveries become partner p1's, the id config.json's migration gives its settings.

CREATE TABLE partners (
  id         TEXT    PRIMARY KEY,             -- p1, p2, … assigned by the hub, never reused
  name       TEXT    NOT NULL,                -- kept after removal so the log still names it
  created_at INTEGER NOT NULL,
  removed_at INTEGER                          -- NULL while the partner exists
);
INSERT INTO partners (id, name, created_at) VALUES ('p1', 'Order webhook', CAST(unixepoch('subsec') * 1000 AS INTEGER));

ALTER TABLE deliveries ADD COLUMN partner_id TEXT NOT NULL DEFAULT 'p1'; -- a partners(id)
-- The re-sent copy of this delivery that was delivered: the original is resolved, not missing.
ALTER TABLE deliveries ADD COLUMN resolved_by INTEGER; -- no foreign key: the link outlives the pruned copy

-- The dispatcher: due deliveries of one endpoint (a partner's hook), oldest due first.
DROP INDEX deliveries_due;
CREATE INDEX deliveries_due ON deliveries (partner_id, hook, next_attempt_at) WHERE next_attempt_at IS NOT NULL;
-- Per-check order, per partner, in the order the POS sent the events (event_seq) — whatever order
-- re-sent or backfilled copies were queued in.
DROP INDEX deliveries_check_active;
CREATE INDEX deliveries_check_active ON deliveries (partner_id, check_key, event_seq) WHERE state IN ('pending', 'delivering', 'retrying');
-- The log filtered by partner; backfill's "does this partner have it already".
CREATE INDEX deliveries_partner ON deliveries (partner_id, id);
CREATE INDEX deliveries_partner_event ON deliveries (event_seq, partner_id);
DROP INDEX deliveries_event_seq;
-- Backfill reads the events of a time range.
CREATE INDEX events_received ON events (received_at);

-- The webhook body is `data` = the event without its `type` (kept in its own column); stored that
-- way the body is spliced into the envelope without parsing. json_remove keeps every literal as
-- the POS sent it.
UPDATE events SET body = json_remove(body, '$.type');

-- Counts per partner, hook and state, and how many of them a delivered re-send resolved.
DROP TRIGGER deliveries_count_insert;
DROP TRIGGER deliveries_count_update;
DROP TRIGGER deliveries_count_delete;
DROP TABLE state_counts;
CREATE TABLE state_counts (
  partner_id TEXT    NOT NULL,
  hook       TEXT    NOT NULL,
  state      TEXT    NOT NULL,
  n          INTEGER NOT NULL,
  resolved   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (partner_id, hook, state)
) WITHOUT ROWID;
INSERT INTO state_counts (partner_id, hook, state, n, resolved)
  SELECT partner_id, hook, state, COUNT(*), COUNT(resolved_by) FROM deliveries GROUP BY partner_id, hook, state;

CREATE TRIGGER deliveries_count_insert AFTER INSERT ON deliveries BEGIN
  INSERT INTO state_counts (partner_id, hook, state, n, resolved) VALUES (NEW.partner_id, NEW.hook, NEW.state, 1, NEW.resolved_by IS NOT NULL)
  ON CONFLICT (partner_id, hook, state) DO UPDATE SET n = n + 1, resolved = resolved + (NEW.resolved_by IS NOT NULL);
END;
CREATE TRIGGER deliveries_count_update AFTER UPDATE OF state, resolved_by ON deliveries
WHEN OLD.state <> NEW.state OR (OLD.resolved_by IS NULL) <> (NEW.resolved_by IS NULL) BEGIN
  UPDATE state_counts SET n = n - 1, resolved = resolved - (OLD.resolved_by IS NOT NULL)
  WHERE partner_id = OLD.partner_id AND hook = OLD.hook AND state = OLD.state;
  INSERT INTO state_counts (partner_id, hook, state, n, resolved) VALUES (NEW.partner_id, NEW.hook, NEW.state, 1, NEW.resolved_by IS NOT NULL)
  ON CONFLICT (partner_id, hook, state) DO UPDATE SET n = n + 1, resolved = resolved + (NEW.resolved_by IS NOT NULL);
END;
CREATE TRIGGER deliveries_count_delete AFTER DELETE ON deliveries BEGIN
  UPDATE state_counts SET n = n - 1, resolved = resolved - (OLD.resolved_by IS NOT NULL)
  WHERE partner_id = OLD.partner_id AND hook = OLD.hook AND state = OLD.state;
END;

-- Attempts per hour and partner for the 24 h chart.
DROP TRIGGER attempts_hourly;
CREATE TABLE hourly_attempts_by_partner (
  hour       INTEGER NOT NULL,                -- ms since epoch / 3 600 000
  partner_id TEXT    NOT NULL,
  delivered  INTEGER NOT NULL DEFAULT 0,
  failed     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour, partner_id)
) WITHOUT ROWID;
INSERT INTO hourly_attempts_by_partner (hour, partner_id, delivered, failed) SELECT hour, 'p1', delivered, failed FROM hourly_attempts;
DROP TABLE hourly_attempts;
ALTER TABLE hourly_attempts_by_partner RENAME TO hourly_attempts;
CREATE TRIGGER attempts_hourly AFTER INSERT ON attempts BEGIN
  INSERT INTO hourly_attempts (hour, partner_id, delivered, failed)
  VALUES (NEW.started_at / 3600000, (SELECT partner_id FROM deliveries WHERE id = NEW.delivery_id), NEW.outcome = 'delivered', NEW.outcome <> 'delivered')
  ON CONFLICT (hour, partner_id) DO UPDATE SET delivered = delivered + (NEW.outcome = 'delivered'),
                                               failed = failed + (NEW.outcome <> 'delivered');
END;
