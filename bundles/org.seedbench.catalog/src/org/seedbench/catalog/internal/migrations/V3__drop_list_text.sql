-- Version 3: the text columns whose items version 2 moved into child tables go, with version 2's scratch tables.
-- Each statement can run again after an interruption. Statements end with a semicolon at the end of a line.

DROP TABLE IF EXISTS v2_workload_fields;

DROP TABLE IF EXISTS v2_list_items;

ALTER TABLE jobs DROP COLUMN IF EXISTS workloads;

ALTER TABLE shipments DROP COLUMN IF EXISTS drive_serials;
