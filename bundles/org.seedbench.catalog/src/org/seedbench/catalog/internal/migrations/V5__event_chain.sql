-- Version 5: the event log becomes a hash chain per job, and outlives a deleted job.
-- Each event gets the seq of its job (job_seq: a new job of a deleted job's name starts a chain of its own), its place
-- in the job's chain (chain_seq 1, 2, ...), the hash of the event before it (prev_hash) and its own hash (see
-- EventLog). After this script, the migration's Java step drops the foreign key from events to jobs (a deleted
-- job's events stay), creates the sequence event_ids the catalog takes event ids from, and chains the events
-- already written. On PostgreSQL, V5__event_chain.postgresql.sql then makes the log append-only.
-- Statements end with a semicolon at the end of a line.

ALTER TABLE events ADD COLUMN IF NOT EXISTS job_seq BIGINT;

ALTER TABLE events ADD COLUMN IF NOT EXISTS chain_seq BIGINT;

ALTER TABLE events ADD COLUMN IF NOT EXISTS prev_hash VARCHAR;

ALTER TABLE events ADD COLUMN IF NOT EXISTS hash VARCHAR;

-- no two events take one place in a chain, whatever runs at once
CREATE UNIQUE INDEX IF NOT EXISTS events_chain ON events (job_seq, chain_seq);
