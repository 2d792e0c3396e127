package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogCopyReport;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.catalog.internal.Dialect;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;

/**
 * {@code seedbench catalog copy}'s service: an admin's embedded H2 catalog moves into a new PostgreSQL database on
 * the real server, with every job, drive, shipment, return details, property and event (ids, times to the
 * microsecond, actors kept), each chain verified; a target that holds jobs already is refused.
 */
class CatalogCopyOnPostgreSQLTest extends CatalogTestBase implements CatalogTestBase.OnPostgreSQL {
    @TempDir
    Path data;

    private final H2CatalogService service = new H2CatalogService(Duration.ofSeconds(2));

    @Test
    void anEmbeddedCatalogIsCopiedWholeIntoAnEmptyPostgresCatalogWithItsChainsVerified() throws Exception {
        Path h2 = Files.createDirectories(data.resolve("laptop"));
        try (Catalog laptop = CatalogBackend.h2().open(service, h2, "cli")) {
            for (String name : List.of("seed-fs01", "seed-fs02", "seed-gone")) {
                laptop.createJob(SampleJobs.job(name));
                laptop.putDrive(SampleJobs.drive(name, name.toUpperCase() + "-1"));
                laptop.putJobProperties(name, Map.of("stagedBytes", "123", "note", "ünïcode\nline"));
            }
            laptop.moveJob("seed-fs01", JobState.STAGING, "started");
            laptop.moveDrive("seed-fs01", "SEED-FS01-1", DriveState.RECEIVED, null);
            laptop.putShipment(new Shipment("seed-fs01", "UPS", "1Z999", LocalDate.of(2026, 12, 1),
                    List.of("SEED-FS01-1"), (String) null, null));
            laptop.putReturnDetails("seed-fs02", new ReturnDetails(ReturnAddress.legacy("1 Main Street"),
                    new ReturnShipping("DHL", "ACCT-7")));
            laptop.deleteJob("seed-gone");
        }

        CatalogCopyReport report = service.copy(h2, null, backend.url());

        assertEquals(2L, report.rows().get("jobs"));
        assertEquals(2L, report.rows().get("drives"));
        assertEquals(14L, report.rows().get("events"), "the deleted job's 3 events travel too");
        assertEquals(3, report.chains());
        assertEquals(List.of("jobs"), report.rows().keySet().stream().limit(1).toList(), "parents first");
        try (Catalog laptop = CatalogBackend.h2().open(service, h2, "cli"); Catalog shared = open(data)) {
            assertEquals(laptop.jobs().stream().map(j -> kept(j)).toList(), shared.jobs());
            for (String name : List.of("seed-fs01", "seed-fs02")) {
                assertEquals(laptop.drives(name), shared.drives(name));
                assertEquals(laptop.shipment(name), shared.shipment(name));
                assertEquals(laptop.returnDetails(name), shared.returnDetails(name));
                assertEquals(laptop.jobProperties(name), shared.jobProperties(name));
                assertEquals(laptop.events(name).stream().map(CatalogCopyOnPostgreSQLTest::kept).toList(),
                        shared.events(name));
                assertTrue(shared.verifyEvents(name).intact(), name);
            }
            long lastId = shared.events("seed-fs01").get(shared.events("seed-fs01").size() - 1).id();
            JobEvent next = shared.recordEvent("seed-fs01", "note", "on the shared catalog now");
            assertTrue(next.id() > lastId, "new ids follow the copied ones");
            assertTrue(shared.verifyEvents("seed-fs01").intact());
            shared.createJob(SampleJobs.job("seed-new"));
            assertEquals(3, shared.jobs().size());
        }

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> service.copy(h2, null, backend.url()));
        assertTrue(refused.getMessage().contains("already holds 3 jobs"), refused.getMessage());
        try (Catalog shared = open(data)) {
            assertEquals(3, shared.jobs().size(), "a refused copy wrote nothing");
        }
    }

    private static SeedingJob kept(SeedingJob j) {
        return new SeedingJob(j.name(), j.stagingLocation(), j.storageAccount(), j.container(), j.subscriptionId(),
                j.location(), j.workloads(), j.connector(), j.sourceHost(), Dialect.POSTGRESQL.kept(j.created()),
                j.state());
    }

    private static JobEvent kept(JobEvent e) {
        return new JobEvent(e.id(), e.jobName(), Dialect.POSTGRESQL.kept(e.time()), e.actor(), e.kind(), e.detail());
    }
}
