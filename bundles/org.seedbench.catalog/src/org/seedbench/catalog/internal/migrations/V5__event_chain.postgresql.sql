-- Version 5 on PostgreSQL: the event log is append-only in the database itself. A trigger refuses every UPDATE,
-- DELETE and TRUNCATE of events, whoever runs it (the roles of seedbench catalog init-roles have no such grant
-- either). Runs after V5__event_chain.sql and its Java step, in the same transaction.
-- Statements end with a semicolon at the end of a line: the function's body keeps its own ';' off line ends.

CREATE OR REPLACE FUNCTION seedbench_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the event log is append-only: % of events refused', TG_OP; END
$$;

DROP TRIGGER IF EXISTS events_append_only ON events;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION seedbench_events_append_only();

DROP TRIGGER IF EXISTS events_no_truncate ON events;

CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION seedbench_events_append_only();
