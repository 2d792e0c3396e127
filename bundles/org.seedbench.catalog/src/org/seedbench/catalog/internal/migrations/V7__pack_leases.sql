-- Version 7: several copy computers prepare one job's drives. Each pack of the job's staged seed has a row: free,
-- claimed by a copy computer for one of its drives until the lease expires (renewed while the computer copies), or
-- placed on that drive for good. A claim is a conditional update of the row, so two computers never hold one pack.
-- No secret is kept here: computers are named by host and data directory id, drives by serial.
-- Statements end with a semicolon at the end of a line.

CREATE TABLE IF NOT EXISTS pack_leases (
    job_name VARCHAR NOT NULL REFERENCES jobs (name),
    pack VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    computer VARCHAR,
    drive_serial VARCHAR,
    expires_millis BIGINT,
    PRIMARY KEY (job_name, pack)
);
