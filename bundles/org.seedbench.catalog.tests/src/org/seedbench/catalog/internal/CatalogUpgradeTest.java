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
import org.seedbench.catalog.EventChainCheck;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.model.WorkloadSpec;

/**
 * A catalog written at schema version 1, whose lists were text columns, opens with the same jobs, workloads,
 * drives and shipments once its lists live in child tables; one written at version 3 keeps each job's free-text
 * return address.
 */
class CatalogUpgradeTest {
    private static final Instant CREATED = Instant.parse("2024-11-20T09:15:30.123456789Z");
    private static final Instant V3_CREATED = Instant.parse("2025-03-02T10:00:00Z");
    private static final String OLD_TEXT = "Contoso Ltd, Attn: IT\n1 Main Street, Springfield";

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

    /**
     * A catalog written at schema version 3, whose shipments held the return address as free text and the return
     * carrier account beside the outbound carrier, opens with each job's return details: the old text kept as
     * legacy text, the account, and the outbound carrier as the return carrier (what older versions sent).
     */
    @Test
    void aVersionThreeCatalogKeepsEachJobsOldReturnAddressAsLegacyText() throws Exception {
        CatalogDatabase database = new CatalogDatabase(data, Duration.ZERO);
        try (CatalogDatabase.Session session = database.open()) {
            Connection c = session.connection();
            assertEquals(3, Migrations.apply(c, data.toString(), "an older Seedbench", 3));
            insertVersionThreeJob(c, "seed-fs01");
            insertVersionThreeJob(c, "seed-quiet");
            insertVersionThreeJob(c, "seed-draft");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipments (job_name, carrier, "
                    + "tracking_number, ship_date, return_address, return_carrier_account) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, "seed-fs01");
                ps.setString(2, "UPS");
                ps.setString(3, "1Z999AA10123456784");
                ps.setObject(4, LocalDate.of(2025, 3, 5));
                ps.setString(5, OLD_TEXT);
                ps.setString(6, "UPS-ACCT-0042");
                ps.executeUpdate();
                ps.setString(1, "seed-quiet");
                ps.setString(2, "DHL");
                ps.setString(3, "JD014600006281230704");
                ps.setString(5, null);
                ps.setString(6, null);
                ps.executeUpdate();
            }
            c.commit();
        }

        try (Catalog catalog = new H2CatalogService(Duration.ofSeconds(2)).open(data, "catalog-tests")) {
            assertEquals(CatalogDatabase.latestSchemaVersion(), catalog.schemaVersion());
            ReturnDetails fs01 = catalog.returnDetails("seed-fs01").orElseThrow();
            assertEquals(ReturnAddress.legacy(OLD_TEXT), fs01.address());
            assertEquals(new ReturnShipping("UPS", "UPS-ACCT-0042"), fs01.shipping());
            assertEquals("Contoso Ltd, Attn: IT 1 Main Street, Springfield", fs01.address().oneLine());
            assertEquals(List.of("recipientName", "streetAddress1", "city", "postalCode", "countryOrRegion", "phone",
                    "email"), fs01.address().missing(), "the old text fills no field");
            Shipment shipment = catalog.shipment("seed-fs01").orElseThrow();
            assertEquals(fs01.address(), shipment.returnAddress(), "the shipment shows the job's return details");
            assertEquals(fs01.shipping(), shipment.returnShipping());
            assertEquals("UPS-ACCT-0042", shipment.returnCarrierAccount());

            assertEquals(new ReturnDetails(ReturnAddress.NONE, new ReturnShipping("DHL", null)),
                    catalog.returnDetails("seed-quiet").orElseThrow());
            assertEquals(Optional.empty(), catalog.returnDetails("seed-draft"), "a job never shipped has none");

            ReturnAddress entered = new ReturnAddress("Dana Admin", "1 Main Street", null, "Springfield", "IL",
                    "62701", "US", "+1 217 555 0100", "dana@contoso.example");
            catalog.putReturnDetails("seed-fs01", new ReturnDetails(entered, fs01.shipping()));
            assertEquals(entered, catalog.shipment("seed-fs01").orElseThrow().returnAddress(),
                    "entered again, the fields replace the old text");
        }

        try (CatalogDatabase.Session session = database.open()) {
            assertFalse(hasColumn(session.connection(), "SHIPMENTS", "RETURN_ADDRESS"), "the text column went");
            assertFalse(hasColumn(session.connection(), "SHIPMENTS", "RETURN_CARRIER_ACCOUNT"));
            assertTrue(hasColumn(session.connection(), "JOB_RETURNS", "LEGACY_TEXT"));
        }
    }

    /**
     * A catalog written at schema version 4 keeps its events, in order, and they are chained on the upgrade (each
     * with its place and hashes): the chain verifies, and events appended afterwards continue it.
     */
    @Test
    void aVersionFourCatalogsEventsAreChainedInTheirOrderAndNewOnesContinueTheChain() throws Exception {
        CatalogDatabase database = new CatalogDatabase(data, Duration.ZERO);
        try (CatalogDatabase.Session session = database.open()) {
            Connection c = session.connection();
            assertEquals(4, Migrations.apply(c, data.toString(), "an older Seedbench", 4));
            insertVersionThreeJob(c, "seed-fs01");
            insertVersionThreeJob(c, "seed-fs02");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (job_name, event_time, actor, kind, "
                    + "detail) VALUES (?, ?, 'alice@copyhost (cli)', ?, ?)")) {
                String[][] rows = {{"seed-fs01", "job.created", "created"}, {"seed-fs02", "job.created", "created"},
                    {"seed-fs01", "job.state", "Draft → Staging"}, {"seed-fs01", "note", "ünïcode \"quoted\"\t"},
                    {"seed-fs02", "note", null}};
                for (int i = 0; i < rows.length; i++) {
                    ps.setString(1, rows[i][0]);
                    ps.setObject(2, V3_CREATED.plusSeconds(i).atOffset(ZoneOffset.UTC));
                    ps.setString(3, rows[i][1]);
                    ps.setString(4, rows[i][2]);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }

        try (Catalog catalog = new H2CatalogService(Duration.ofSeconds(2)).open(data, "catalog-tests")) {
            assertEquals(List.of("job.created", "job.state", "note"),
                    catalog.events("seed-fs01").stream().map(e -> e.kind()).toList());
            assertEquals(List.of("created", "Draft → Staging", "ünïcode \"quoted\"\t"),
                    catalog.events("seed-fs01").stream().map(e -> e.detail()).toList());
            EventChainCheck before = catalog.verifyEvents("seed-fs01");
            assertTrue(before.intact(), before.toString());
            assertEquals(3, before.events());
            assertTrue(catalog.verifyEvents("seed-fs02").intact());

            catalog.recordEvent("seed-fs01", "note", "after the upgrade");

            EventChainCheck after = catalog.verifyEvents("seed-fs01");
            assertTrue(after.intact(), after.toString());
            assertEquals(4, after.events());
            assertFalse(after.head().equals(before.head()), "the new event is the chain's head");
        }
    }

    private static void insertVersionThreeJob(Connection c, String name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (name, staging_location, storage_account, "
                + "container_name, subscription_id, location, connector, source_host, created, state) "
                + "VALUES (?, ?, 'seedstore01', ?, '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', 'westeurope', 'local', "
                + "'fs01.example.org', ?, 'SHIPPING')")) {
            ps.setString(1, name);
            ps.setString(2, "/srv/staging/" + name);
            ps.setString(3, name);
            ps.setObject(4, V3_CREATED.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
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
