-- Version 2: the catalog's lists move from text columns into child tables, one row an item, in list order.
-- The old columns held one item a line (each line ended by a line feed); a workload line was SOURCE:TARGET, then
-- a tab and KEY=VALUE for each option; inside the parts %25, %09, %0A, %0D, %3A and %3D stood for '%', tab,
-- line feed, carriage return, ':' and '='. The statements below read that text; version 3 drops the old
-- columns. Plain SQL that H2 and PostgreSQL both run; after the CREATEs, one transaction with the version row.
-- Statements end with a semicolon at the end of a line.

CREATE TABLE IF NOT EXISTS job_workloads (
    job_name VARCHAR NOT NULL REFERENCES jobs (name),
    list_index INT NOT NULL,
    source_id VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    PRIMARY KEY (job_name, list_index)
);

CREATE TABLE IF NOT EXISTS job_workload_options (
    job_name VARCHAR NOT NULL,
    list_index INT NOT NULL,
    opt_key VARCHAR NOT NULL,
    opt_value VARCHAR NOT NULL,
    PRIMARY KEY (job_name, list_index, opt_key),
    FOREIGN KEY (job_name, list_index) REFERENCES job_workloads (job_name, list_index)
);

CREATE TABLE IF NOT EXISTS shipment_drives (
    job_name VARCHAR NOT NULL REFERENCES shipments (job_name),
    list_index INT NOT NULL,
    serial VARCHAR NOT NULL,
    PRIMARY KEY (job_name, list_index)
);

-- the workload lines, each with the options text after its first tab (ended by a tab), for the two inserts below;
-- version 3 drops it
CREATE TABLE IF NOT EXISTS v2_workload_lines (
    job_name VARCHAR NOT NULL,
    list_index INT NOT NULL,
    head VARCHAR NOT NULL,
    options VARCHAR NOT NULL,
    PRIMARY KEY (job_name, list_index)
);

INSERT INTO v2_workload_lines (job_name, list_index, head, options)
WITH RECURSIVE split (job_name, list_index, line, rest) AS (
    SELECT name, 0,
        SUBSTRING(workloads FROM 1 FOR POSITION(CHR(10) IN workloads) - 1),
        SUBSTRING(workloads FROM POSITION(CHR(10) IN workloads) + 1)
    FROM jobs
    WHERE workloads <> ''
    UNION ALL
    SELECT job_name, list_index + 1,
        SUBSTRING(rest FROM 1 FOR POSITION(CHR(10) IN rest) - 1),
        SUBSTRING(rest FROM POSITION(CHR(10) IN rest) + 1)
    FROM split
    WHERE rest <> ''
)
SELECT job_name, list_index,
    CASE WHEN POSITION(CHR(9) IN line) = 0 THEN line
        ELSE SUBSTRING(line FROM 1 FOR POSITION(CHR(9) IN line) - 1) END,
    CASE WHEN POSITION(CHR(9) IN line) = 0 THEN ''
        ELSE SUBSTRING(line FROM POSITION(CHR(9) IN line) + 1) || CHR(9) END
FROM split;

INSERT INTO job_workloads (job_name, list_index, source_id, target)
SELECT job_name, list_index,
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(SUBSTRING(head FROM 1 FOR POSITION(':' IN head) - 1),
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%'),
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(SUBSTRING(head FROM POSITION(':' IN head) + 1),
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%')
FROM v2_workload_lines;

INSERT INTO job_workload_options (job_name, list_index, opt_key, opt_value)
WITH RECURSIVE split (job_name, list_index, opt, rest) AS (
    SELECT job_name, list_index,
        SUBSTRING(options FROM 1 FOR POSITION(CHR(9) IN options) - 1),
        SUBSTRING(options FROM POSITION(CHR(9) IN options) + 1)
    FROM v2_workload_lines
    WHERE options <> ''
    UNION ALL
    SELECT job_name, list_index,
        SUBSTRING(rest FROM 1 FOR POSITION(CHR(9) IN rest) - 1),
        SUBSTRING(rest FROM POSITION(CHR(9) IN rest) + 1)
    FROM split
    WHERE rest <> ''
)
SELECT job_name, list_index,
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(SUBSTRING(opt FROM 1 FOR POSITION('=' IN opt) - 1),
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%'),
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(SUBSTRING(opt FROM POSITION('=' IN opt) + 1),
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%')
FROM split;

INSERT INTO shipment_drives (job_name, list_index, serial)
WITH RECURSIVE split (job_name, list_index, item, rest) AS (
    SELECT job_name, 0,
        SUBSTRING(drive_serials FROM 1 FOR POSITION(CHR(10) IN drive_serials) - 1),
        SUBSTRING(drive_serials FROM POSITION(CHR(10) IN drive_serials) + 1)
    FROM shipments
    WHERE drive_serials <> ''
    UNION ALL
    SELECT job_name, list_index + 1,
        SUBSTRING(rest FROM 1 FOR POSITION(CHR(10) IN rest) - 1),
        SUBSTRING(rest FROM POSITION(CHR(10) IN rest) + 1)
    FROM split
    WHERE rest <> ''
)
SELECT job_name, list_index,
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(item,
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%')
FROM split;
