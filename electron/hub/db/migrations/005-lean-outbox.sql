-- A leaner outbox write per delivery (issue 15): with several partners every accepted event writes a
-- delivery row per partner, and each index and trigger on deliveries is paid that many times.
--
-- The check-number search goes through the events (one entry per event, not one per partner's
-- delivery); bulk re-send finds its failed, dead and cancelled deliveries through the state index;
-- the partner filter of the log walks newest-first (each partner has its share of the rows).
DROP INDEX deliveries_check_number;
CREATE INDEX events_check_number ON events (check_number);
DROP INDEX deliveries_hook_created;
DROP INDEX deliveries_partner;

-- New deliveries are counted by the code that queues them, once per batch and (partner, hook),
-- instead of a trigger firing an upsert per row; state changes and deletions keep their triggers.
DROP TRIGGER deliveries_count_insert;
