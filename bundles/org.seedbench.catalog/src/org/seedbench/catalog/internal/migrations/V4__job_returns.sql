-- Version 4: the return details belong to the job, with the fields the import services ask for. A job's old
-- shipment kept the return address as free text (now legacy_text, shown until the address is entered again), the
-- admin's account with the return carrier, and the outbound carrier, which older versions sent as the return
-- carrier. The copy runs once: a job that has its row already is left alone, so the script can run again.
-- Statements end with a semicolon at the end of a line.

CREATE TABLE IF NOT EXISTS job_returns (
    job_name VARCHAR NOT NULL PRIMARY KEY REFERENCES jobs (name),
    recipient_name VARCHAR,
    street_address1 VARCHAR,
    street_address2 VARCHAR,
    city VARCHAR,
    state_or_province VARCHAR,
    postal_code VARCHAR,
    country_or_region VARCHAR,
    phone VARCHAR,
    email VARCHAR,
    legacy_text VARCHAR,
    return_carrier VARCHAR,
    return_carrier_account VARCHAR
);

INSERT INTO job_returns (job_name, legacy_text, return_carrier, return_carrier_account)
SELECT s.job_name, s.return_address, s.carrier, s.return_carrier_account
FROM shipments s
WHERE NOT EXISTS (SELECT 1 FROM job_returns r WHERE r.job_name = s.job_name);

ALTER TABLE shipments DROP COLUMN IF EXISTS return_address;

ALTER TABLE shipments DROP COLUMN IF EXISTS return_carrier_account;
