package org.seedbench.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogBackup;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.model.WorkloadSpec;

/**
 * A catalog written at schema version 1, whose lists were text columns, opens with the same jobs, workloads,
 * drives and shipments once its lists live in child tables.
 */
class CatalogUpgradeTest {
    private static final Instant CREATED = Instant.parse("2024-11-20T09:15:30.123456789Z");

    @TempDir
    Path data;

    @Test
    void aVersionOneCatalogOpensWithTheSameJobsWorkloadsDrivesAndShipments() throws Exception {
        CatalogDatabase database = new CatalogDatabase(data, Duration.ZERO);
        try (CatalogDatabase.Session session = database.open()) {
            Connection c = session.connection();
            assertEquals(1, Migrations.apply(c, data.toString(), "an older Seedbench", 1));
            // the text the list columns held, as version 1 wrote it: one item a line, % escapes
            insertJob(c, "seed-fs01", CREATED,
                    "files:/srv/data\texclude=*.tmp\tinclude=*.docx\ndpm:C:\\dpm\\inventory.xml\n");
            insertJob(c, "seed-odd", CREATED.plusSeconds(60),
                    "part%3Aner:/srv/a%09b%0Ac%25d%0De:f\tk%3Dx=v=1%25\tz=\n");
            insertJob(c, "seed-none", CREATED.plusSeconds(120), "");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO drives (job_name, serial, model, transport, "
                    + "media_type, capacity_bytes, used_bytes, encryptor, key_protector_ref, state, percent_copied) "
                    + "VALUES ('seed-fs01', ?, 'WD Red', 'SATA', 'HDD', 4000787030016, 0, 'portable', 'keyfile', "
                    + "'SPECIFIED', 0)")) {
                for (String serial : List.of("WD-1", "WD%2")) {
                    ps.setString(1, serial);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipments (job_name, carrier, "
                    + "tracking_number, ship_date, drive_serials, return_address) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, "seed-fs01");
                ps.setString(2, "UPS");
                ps.setString(3, "1Z999AA10123456784");
                ps.setObject(4, LocalDate.of(2024, 11, 22));
                ps.setString(5, "WD-1\nWD%252\n");
                ps.setString(6, "Contoso, 1 Main St");
                ps.executeUpdate();
                ps.setString(1, "seed-odd");
                ps.setString(3, "1Z999AA10123456785");
                ps.setString(5, "");
                ps.executeUpdate();
            }
            c.commit();
        }

        try (Catalog catalog = new H2CatalogService(Duration.ofSeconds(2)).open(data, "catalog-tests")) {
            assertEquals(CatalogDatabase.latestSchemaVersion(), catalog.schemaVersion());
            SeedingJob fs01 = job("seed-fs01", CREATED, List.of(
                    new WorkloadSpec("files", "/srv/data", Map.of("include", "*.docx", "exclude", "*.tmp")),
                    new WorkloadSpec("dpm", "C:\\dpm\\inventory.xml")));
            SeedingJob odd = job("seed-odd", CREATED.plusSeconds(60), List.of(
                    new WorkloadSpec("part:ner", "/srv/a\tb\nc%d\re:f", Map.of("k=x", "v=1%", "z", ""))));
            SeedingJob none = job("seed-none", CREATED.plusSeconds(120), List.of());
            assertEquals(List.of(fs01, odd, none), catalog.jobs());
            assertEquals(Optional.of(odd), catalog.job("seed-odd"));
            assertEquals(List.of("WD-1", "WD%2"), catalog.drives("seed-fs01").stream().map(Drive::serial).toList());
            assertEquals(DriveState.SPECIFIED, catalog.drives("seed-fs01").get(0).state());
            assertEquals(Optional.of(new Shipment("seed-fs01", "UPS", "1Z999AA10123456784", LocalDate.of(2024, 11, 22),
                    List.of("WD-1", "WD%2"), "Contoso, 1 Main St", null)), catalog.shipment("seed-fs01"));
            assertEquals(List.of(), catalog.shipment("seed-odd").orElseThrow().driveSerials());
        }

        List<CatalogBackup> backups = database.backups();
        assertEquals(1, backups.size(), backups.toString());
        assertEquals("before-v" + CatalogDatabase.latestSchemaVersion(), backups.get(0).reason());
        try (CatalogDatabase.Session session = database.open()) {
            assertFalse(hasColumn(session.connection(), "JOBS", "WORKLOADS"), "the text column went");
            assertFalse(hasColumn(session.connection(), "SHIPMENTS", "DRIVE_SERIALS"), "the text column went");
            assertTrue(hasColumn(session.connection(), "JOB_WORKLOADS", "TARGET"));
        }
    }

    @Test
    void aShipmentRecordedAgainAfterTheUpgradeReplacesItsDriveList() throws Exception {
        CatalogDatabase database = new CatalogDatabase(data, Duration.ZERO);
        try (CatalogDatabase.Session session = database.open()) {
            Connection c = session.connection();
            Migrations.apply(c, data.toString(), "an older Seedbench", 1);
            insertJob(c, "seed-fs01", CREATED, "files:/srv/data\n");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO drives (job_name, serial, capacity_bytes, "
                    + "used_bytes, state, percent_copied) VALUES ('seed-fs01', ?, 4000787030016, 0, 'SPECIFIED', 0)")) {
                for (String serial : List.of("WD-1", "WD-2")) {
                    ps.setString(1, serial);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipments (job_name, carrier, "
                    + "tracking_number, drive_serials) VALUES ('seed-fs01', 'UPS', '1Z999AA10123456784', 'WD-1\nWD-2\n')")) {
                ps.executeUpdate();
            }
            c.commit();
        }

        try (Catalog catalog = new H2CatalogService(Duration.ofSeconds(2)).open(data, "catalog-tests")) {
            Shipment again = new Shipment("seed-fs01", "DHL", "JD014600006281234567", null, List.of("WD-2"), (String) null, null);
            catalog.putShipment(again);
            assertEquals(Optional.of(again), catalog.shipment("seed-fs01"));
        }
    }

    private static SeedingJob job(String name, Instant created, List<WorkloadSpec> workloads) {
        return new SeedingJob(name, "/srv/staging/" + name, "seedstore01", name, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                "westeurope", workloads, "local", "fs01.example.org", created, JobState.DRAFT);
    }

    private static void insertJob(Connection c, String name, Instant created, String workloads) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (name, staging_location, storage_account, "
                + "container_name, subscription_id, location, workloads, connector, source_host, created, state) "
                + "VALUES (?, ?, 'seedstore01', ?, '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', 'westeurope', ?, 'local', "
                + "'fs01.example.org', ?, 'DRAFT')")) {
            ps.setString(1, name);
            ps.setString(2, "/srv/staging/" + name);
            ps.setString(3, name);
            ps.setString(4, workloads);
            ps.setObject(5, created.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws Exception {
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, column)) {
            return rs.next();
        }
    }
}
