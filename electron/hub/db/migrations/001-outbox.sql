-- The outbox (Svix-style): events as the POS sent them, one delivery per event and hook, and an
-- append-only log of attempts.

CREATE TABLE events (
  seq           INTEGER PRIMARY KEY,          -- arrival order at the hub
  store_id      TEXT    NOT NULL,             -- '' when the POS sends none
  event_id      TEXT    NOT NULL,
  type          TEXT    NOT NULL,
  source        TEXT    NOT NULL,
  check_id      TEXT    NOT NULL,
  check_number  TEXT    NOT NULL,
  occurred_at   TEXT    NOT NULL,
  received_at   INTEGER NOT NULL,             -- ms since epoch
  body          TEXT    NOT NULL,             -- the event JSON, unknown fields included
  UNIQUE (store_id, event_id)
);

CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY,
  webhook_id      TEXT    NOT NULL UNIQUE,    -- stable across retries; partners dedupe on it
  event_seq       INTEGER NOT NULL REFERENCES events(seq),
  hook            TEXT    NOT NULL,           -- open | update | close
  check_key       TEXT    NOT NULL,           -- store_id + check_id: one ordered queue per check
  check_number    TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  -- When the give-up clock (retry.maxAgeHours) started: creation, or a manager's "retry now".
  active_since    INTEGER NOT NULL,
  -- When the next attempt may start. NULL: finished, or waiting behind an earlier delivery of
  -- the same check (it is set when that one finishes), so "due" never needs an ordering scan.
  next_attempt_at INTEGER,
  last_status     INTEGER,
  last_latency_ms INTEGER,
  last_error      TEXT,
  resent_from     INTEGER REFERENCES deliveries(id)
);

-- The dispatcher: due deliveries of one hook, oldest due first.
CREATE INDEX deliveries_due ON deliveries (hook, next_attempt_at) WHERE next_attempt_at IS NOT NULL;
-- Per-check ordering: the active deliveries of a check in arrival order.
CREATE INDEX deliveries_check_active ON deliveries (check_key, id) WHERE state IN ('pending', 'delivering', 'retrying');
-- Give-up sweep: active deliveries by age.
CREATE INDEX deliveries_active_age ON deliveries (active_since) WHERE state IN ('pending', 'retrying');
-- Bulk re-send skips deliveries already re-sent.
CREATE INDEX deliveries_resent_from ON deliveries (resent_from) WHERE resent_from IS NOT NULL;
-- The log: newest first, by state, by hook, by check number.
CREATE INDEX deliveries_state ON deliveries (state, id);
CREATE INDEX deliveries_hook ON deliveries (hook, id);
CREATE INDEX deliveries_check_number ON deliveries (check_number, id);
-- Bulk re-send and retention: by hook and time.
CREATE INDEX deliveries_hook_created ON deliveries (hook, created_at);

CREATE TABLE attempts (
  id               INTEGER PRIMARY KEY,
  delivery_id      INTEGER NOT NULL REFERENCES deliveries(id),
  number           INTEGER NOT NULL,
  started_at       INTEGER NOT NULL,
  url              TEXT    NOT NULL,
  status           INTEGER,
  latency_ms       INTEGER NOT NULL,
  outcome          TEXT    NOT NULL,          -- delivered | retry | failed
  error            TEXT,
  response_body    TEXT,                      -- first 2 KiB
  request_headers  TEXT    NOT NULL           -- JSON, secrets masked
);
CREATE INDEX attempts_delivery ON attempts (delivery_id);

-- Counts kept by triggers so the dashboard never counts a million rows.
CREATE TABLE state_counts (hook TEXT NOT NULL, state TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (hook, state)) WITHOUT ROWID;

CREATE TRIGGER deliveries_count_insert AFTER INSERT ON deliveries BEGIN
  INSERT INTO state_counts (hook, state, n) VALUES (NEW.hook, NEW.state, 1)
  ON CONFLICT (hook, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER deliveries_count_update AFTER UPDATE OF state ON deliveries WHEN OLD.state <> NEW.state BEGIN
  UPDATE state_counts SET n = n - 1 WHERE hook = OLD.hook AND state = OLD.state;
  INSERT INTO state_counts (hook, state, n) VALUES (NEW.hook, NEW.state, 1)
  ON CONFLICT (hook, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER deliveries_count_delete AFTER DELETE ON deliveries BEGIN
  UPDATE state_counts SET n = n - 1 WHERE hook = OLD.hook AND state = OLD.state;
END;

-- Attempts per hour for the 24 h chart.
CREATE TABLE hourly_attempts (
  hour      INTEGER PRIMARY KEY,              -- ms since epoch / 3 600 000
  delivered INTEGER NOT NULL DEFAULT 0,
  failed    INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER attempts_hourly AFTER INSERT ON attempts BEGIN
  INSERT INTO hourly_attempts (hour, delivered, failed)
  VALUES (NEW.started_at / 3600000, NEW.outcome = 'delivered', NEW.outcome <> 'delivered')
  ON CONFLICT (hour) DO UPDATE SET delivered = delivered + (NEW.outcome = 'delivered'),
                                   failed = failed + (NEW.outcome <> 'delivered');
END;
