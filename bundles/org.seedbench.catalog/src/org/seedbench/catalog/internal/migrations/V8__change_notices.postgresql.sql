-- Version 8 on PostgreSQL: each event appended (every change of the catalog appends one) and each job removed
-- notifies channel seedbench_catalog with "job TAB kind TAB actor"; PostgreSQL delivers the notice when the change
-- commits, and drops it when it rolls back. The workbench's catalog watcher LISTENs there instead of reading the
-- catalog again every few seconds. Each statement can run again. Function bodies keep their inner semicolons off
-- line ends (statements end with a semicolon at the end of a line).

CREATE OR REPLACE FUNCTION seedbench_notify_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_notify('seedbench_catalog', NEW.job_name || chr(9) || NEW.kind || chr(9) || NEW.actor); RETURN NULL; END
$$;

DROP TRIGGER IF EXISTS events_notify ON events;

CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION seedbench_notify_event();

CREATE OR REPLACE FUNCTION seedbench_notify_job_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_notify('seedbench_catalog', OLD.name || chr(9) || 'job.removed' || chr(9) || session_user); RETURN NULL; END
$$;

DROP TRIGGER IF EXISTS jobs_notify_removed ON jobs;

CREATE TRIGGER jobs_notify_removed AFTER DELETE ON jobs FOR EACH ROW EXECUTE FUNCTION seedbench_notify_job_removed();
