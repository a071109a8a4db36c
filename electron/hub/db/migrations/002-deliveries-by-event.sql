-- Deliveries by event. Retention deletes events left without deliveries; without this index the
-- "no delivery left" check and the foreign-key check on each deleted event scanned the whole
-- deliveries table, so pruning a 100 000-row backlog took minutes with the event loop blocked.
CREATE INDEX deliveries_event_seq ON deliveries (event_seq);
