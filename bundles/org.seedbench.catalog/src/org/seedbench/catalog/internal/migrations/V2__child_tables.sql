-- Version 2: the catalog's lists move from text columns into child tables, one row an item, in list order.
-- The old columns held one item a line (each line ended by a line feed); a workload line was SOURCE:TARGET, then
-- a tab and KEY=VALUE for each option; inside the parts %25, %09, %0A, %0D, %3A and %3D stood for '%', tab,
-- line feed, carriage return, ':' and '='. The statements below read that text; version 3 drops the old
-- columns. Plain SQL that H2 and PostgreSQL both run; after the CREATEs, one transaction with the version row
-- (H2 commits each CREATE by itself, and every CREATE can run again).
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

-- scratch tables, which version 3 drops: the items of both lists, one a row, and the tab-separated fields of
-- each workload (field 0 SOURCE:TARGET, then one KEY=VALUE a field), still % escaped
CREATE TABLE IF NOT EXISTS v2_list_items (
    job_name VARCHAR NOT NULL,
    list_name VARCHAR NOT NULL,
    list_index INT NOT NULL,
    item VARCHAR NOT NULL,
    PRIMARY KEY (job_name, list_name, list_index)
);

CREATE TABLE IF NOT EXISTS v2_workload_fields (
    job_name VARCHAR NOT NULL,
    list_index INT NOT NULL,
    field_index INT NOT NULL,
    field VARCHAR NOT NULL,
    PRIMARY KEY (job_name, list_index, field_index)
);

INSERT INTO v2_list_items (job_name, list_name, list_index, item)
WITH RECURSIVE lists (job_name, list_name, list_text) AS (
    SELECT name, 'workloads', workloads FROM jobs
    UNION ALL
    SELECT job_name, 'drive_serials', drive_serials FROM shipments
), split (job_name, list_name, list_index, item, rest) AS (
    SELECT job_name, list_name, 0,
        SUBSTRING(list_text FROM 1 FOR POSITION(CHR(10) IN list_text) - 1),
        SUBSTRING(list_text FROM POSITION(CHR(10) IN list_text) + 1)
    FROM lists
    WHERE list_text <> ''
    UNION ALL
    SELECT job_name, list_name, list_index + 1,
        SUBSTRING(rest FROM 1 FOR POSITION(CHR(10) IN rest) - 1),
        SUBSTRING(rest FROM POSITION(CHR(10) IN rest) + 1)
    FROM split
    WHERE rest <> ''
)
SELECT job_name, list_name, list_index, item FROM split;

INSERT INTO v2_workload_fields (job_name, list_index, field_index, field)
WITH RECURSIVE split (job_name, list_index, field_index, field, rest) AS (
    SELECT job_name, list_index, 0,
        SUBSTRING(item || CHR(9) FROM 1 FOR POSITION(CHR(9) IN item || CHR(9)) - 1),
        SUBSTRING(item || CHR(9) FROM POSITION(CHR(9) IN item || CHR(9)) + 1)
    FROM v2_list_items
    WHERE list_name = 'workloads'
    UNION ALL
    SELECT job_name, list_index, field_index + 1,
        SUBSTRING(rest FROM 1 FOR POSITION(CHR(9) IN rest) - 1),
        SUBSTRING(rest FROM POSITION(CHR(9) IN rest) + 1)
    FROM split
    WHERE rest <> ''
)
SELECT job_name, list_index, field_index, field FROM split;

INSERT INTO job_workloads (job_name, list_index, source_id, target)
SELECT job_name, list_index,
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(SUBSTRING(field FROM 1 FOR POSITION(':' IN field) - 1),
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%'),
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(SUBSTRING(field FROM POSITION(':' IN field) + 1),
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%')
FROM v2_workload_fields
WHERE field_index = 0;

INSERT INTO job_workload_options (job_name, list_index, opt_key, opt_value)
SELECT job_name, list_index,
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(SUBSTRING(field FROM 1 FOR POSITION('=' IN field) - 1),
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%'),
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(SUBSTRING(field FROM POSITION('=' IN field) + 1),
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%')
FROM v2_workload_fields
WHERE field_index > 0;

INSERT INTO shipment_drives (job_name, list_index, serial)
SELECT job_name, list_index,
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(item,
        '%09', CHR(9)), '%0A', CHR(10)), '%0D', CHR(13)), '%3A', ':'), '%3D', '='), '%25', '%')
FROM v2_list_items
WHERE list_name = 'drive_serials';
