-- Fleet health (contract §8). Heartbeats and alerts for head office travel through an outbox of
-- their own, never the partners' deliveries: they take no partner's slot, count in no partner's
-- figures, and a dead head-office URL never holds an order back. Plus counters the metrics read
-- at scrape time, kept by triggers so they survive restarts and retention without a count over
-- a million rows.

CREATE TABLE monitoring_messages (
  id              INTEGER PRIMARY KEY,        -- send order: alerts go first in, first out
  webhook_id      TEXT    NOT NULL UNIQUE,    -- stable across retries; head office dedupes on it
  kind            TEXT    NOT NULL,           -- heartbeat | alert
  type            TEXT    NOT NULL,           -- hub.heartbeat | hub.partner_failing | hub.partner_recovered
  body            TEXT    NOT NULL,           -- the whole JSON body, as sent
  state           TEXT    NOT NULL,           -- pending | delivering | retrying | delivered | failed | dead | cancelled
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  last_status     INTEGER,
  last_latency_ms INTEGER,
  last_error      TEXT
);
-- Only the newest waiting heartbeat is kept: a second one waiting cannot even be written.
CREATE UNIQUE INDEX monitoring_waiting_heartbeat ON monitoring_messages (kind) WHERE kind = 'heartbeat' AND state IN ('pending', 'retrying');
-- The sender's queue, oldest first.
CREATE INDEX monitoring_waiting ON monitoring_messages (id) WHERE state IN ('pending', 'retrying');
-- Pruning what was sent (or given up) long ago.
CREATE INDEX monitoring_finished ON monitoring_messages (kind, updated_at) WHERE state NOT IN ('pending', 'retrying', 'delivering');

-- What head office has been told about each partner endpoint, so a recovery after a restart is
-- still announced and a trouble already announced is not announced twice.
CREATE TABLE monitoring_alert_state (
  partner_id TEXT NOT NULL,
  hook       TEXT NOT NULL,
  announced  TEXT NOT NULL,                   -- failing | gone
  PRIMARY KEY (partner_id, hook)
) WITHOUT ROWID;

-- Attempts per partner, hook and outcome since the outbox was created (owh_attempts_total):
-- pruning attempts never lowers it. Attempts made before this migration are counted once here.
CREATE TABLE attempt_counts (
  partner_id TEXT    NOT NULL,
  hook       TEXT    NOT NULL,
  outcome    TEXT    NOT NULL,                -- delivered | retry | failed
  n          INTEGER NOT NULL,
  PRIMARY KEY (partner_id, hook, outcome)
) WITHOUT ROWID;
INSERT INTO attempt_counts (partner_id, hook, outcome, n)
  SELECT d.partner_id, d.hook, a.outcome, COUNT(*) FROM attempts a JOIN deliveries d ON d.id = a.delivery_id
  GROUP BY d.partner_id, d.hook, a.outcome;
CREATE TRIGGER attempts_counted AFTER INSERT ON attempts BEGIN
  INSERT INTO attempt_counts (partner_id, hook, outcome, n)
  SELECT partner_id, hook, NEW.outcome, 1 FROM deliveries WHERE id = NEW.delivery_id
  ON CONFLICT (partner_id, hook, outcome) DO UPDATE SET n = n + 1;
END;

-- Events accepted since the outbox was created (owh_ingest_events_total{result="accepted"}). A
-- duplicate inserts no row, so it is not counted here. Seeded with the highest sequence number:
-- every event ever accepted took one, pruned or not.
CREATE TABLE ingest_counts (
  result TEXT    PRIMARY KEY,
  n      INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO ingest_counts (result, n) SELECT 'accepted', COALESCE(MAX(seq), 0) FROM events;
CREATE TRIGGER events_counted AFTER INSERT ON events BEGIN
  UPDATE ingest_counts SET n = n + 1 WHERE result = 'accepted';
END;
