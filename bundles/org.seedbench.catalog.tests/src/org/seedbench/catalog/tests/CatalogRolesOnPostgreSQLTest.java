package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogException;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.testsupport.PostgresServer;

/**
 * The roles of a shared catalog on the real PostgreSQL server, made by {@code seedbench catalog init-roles}'s
 * service: an auditor's connection reads and exports everything but the database refuses each of its writes; an
 * operator changes jobs but cannot change an event.
 */
class CatalogRolesOnPostgreSQLTest extends CatalogTestBase implements CatalogTestBase.OnPostgreSQL {
    private static final AtomicInteger USERS = new AtomicInteger();

    @TempDir
    Path data;

    private final H2CatalogService service = new H2CatalogService(Duration.ofSeconds(2));
    private final List<String> printed = new ArrayList<>();

    @BeforeEach
    void aCatalogWithAJobAndTheRoles() throws Exception {
        try (Catalog admin = open(data)) {
            admin.createJob(SampleJobs.job("seed-fs01"));
            admin.putDrive(SampleJobs.drive("seed-fs01", "WD-1"));
            admin.recordEvent("seed-fs01", "note", "made by the catalog's owner");
        }
        service.initRoles(data, backend.url(), printed::add);
    }

    @Test
    void initRolesPrintsEachStatementItRunsAndCanRunAgain() {
        assertTrue(printed.contains("GRANT SELECT, INSERT ON public.events TO seedbench_operator;"), printed.toString());
        assertTrue(printed.contains("REVOKE UPDATE, DELETE, TRUNCATE ON public.events FROM seedbench_operator;"));
        assertTrue(printed.contains("GRANT SELECT, INSERT, UPDATE, DELETE ON public.jobs TO seedbench_operator;"));
        assertTrue(printed.contains("GRANT SELECT ON public.jobs TO seedbench_auditor;"));
        assertTrue(printed.contains("GRANT USAGE ON SEQUENCE public.event_ids TO seedbench_operator;"));

        List<String> again = new ArrayList<>();
        service.initRoles(data, backend.url(), again::add);

        assertTrue(again.contains("-- role seedbench_operator exists"), again.toString());
        assertTrue(again.contains("-- role seedbench_auditor exists"), again.toString());
        assertFalse(again.stream().anyMatch(s -> s.startsWith("CREATE ROLE")), again.toString());
    }

    @Test
    void anAuditorReadsAndExportsEverythingButTheDatabaseRefusesEachWrite() throws Exception {
        String auditor = login("seedbench_auditor");
        try (Catalog catalog = service.open(data, PostgresServer.withParameters(backend.url(), "user=" + auditor),
                "audit")) {
            assertEquals(List.of("seed-fs01"), catalog.jobs().stream().map(SeedingJob::name).toList());
            assertEquals(1, catalog.drives("seed-fs01").size());
            assertEquals(1, catalog.allDrives().size());
            assertEquals(3, catalog.events("seed-fs01").size());
            assertTrue(catalog.verifyEvents("seed-fs01").intact());
            assertEquals(Map.of(), catalog.jobProperties("seed-fs01"));

            SeedingJob job = catalog.job("seed-fs01").orElseThrow();
            Map<String, Executable> writes = new LinkedHashMap<>();
            writes.put("createJob", () -> catalog.createJob(SampleJobs.job("seed-fs02")));
            writes.put("updateJob", () -> catalog.updateJob(new SeedingJob(job.name(), "/elsewhere",
                    job.storageAccount(), job.container(), job.subscriptionId(), job.location(), job.workloads(),
                    job.connector(), job.sourceHost(), job.created(), job.state())));
            writes.put("moveJob", () -> catalog.moveJob("seed-fs01", JobState.STAGING, null));
            writes.put("moveJob from", () -> catalog.moveJob("seed-fs01", JobState.DRAFT, JobState.CANCELLED, null));
            writes.put("putDrive", () -> catalog.putDrive(SampleJobs.drive("seed-fs01", "WD-2")));
            writes.put("moveDrive", () -> catalog.moveDrive("seed-fs01", "WD-1", DriveState.RECEIVED, null));
            writes.put("putShipment", () -> catalog.putShipment(new Shipment("seed-fs01", "UPS", "1Z", LocalDate.now(),
                    List.of("WD-1"), (String) null, null)));
            writes.put("putReturnDetails", () -> catalog.putReturnDetails("seed-fs01", new ReturnDetails(
                    ReturnAddress.legacy("1 Main Street"), new ReturnShipping("UPS", null))));
            writes.put("putJobProperties", () -> catalog.putJobProperties("seed-fs01", Map.of("a", "b")));
            writes.put("recordEvent", () -> catalog.recordEvent("seed-fs01", "note", "the auditor was here"));
            writes.put("deleteJob", () -> catalog.deleteJob("seed-fs01"));
            for (Map.Entry<String, Executable> write : writes.entrySet()) {
                CatalogException refused = assertThrows(CatalogException.class, write.getValue(), write.getKey());
                assertTrue(refused.getMessage().startsWith("catalog is read-only for " + auditor + " (permission "
                        + "denied for table "), write.getKey() + ": " + refused.getMessage());
                assertFalse(refused.getMessage().contains("\n"), write.getKey());
            }
        }
        try (Catalog admin = open(data)) {
            assertEquals(List.of("seed-fs01"), admin.jobs().stream().map(SeedingJob::name).toList());
            assertEquals(JobState.DRAFT, admin.job("seed-fs01").orElseThrow().state());
            assertEquals(3, admin.events("seed-fs01").size(), "no write of the auditor's went through");
        }
    }

    @Test
    void anOperatorChangesJobsButNeitherChangesNorDeletesAnEvent() throws Exception {
        String operator = login("seedbench_operator");
        String url = PostgresServer.withParameters(backend.url(), "user=" + operator);
        try (Catalog catalog = service.open(data, url, "cli")) {
            catalog.createJob(SampleJobs.job("seed-fs02"));
            catalog.moveJob("seed-fs02", JobState.STAGING, "staged by the operator");
            catalog.putDrive(SampleJobs.drive("seed-fs02", "WD-9"));
            catalog.putJobProperties("seed-fs02", Map.of("staged", "1"));
            catalog.putJobProperties("seed-fs02", Map.of("staged", "2"));
            catalog.putShipment(new Shipment("seed-fs02", "UPS", "1Z-OP", LocalDate.now(), List.of("WD-9"),
                    (String) null, null));
            assertEquals(JobState.STAGING, catalog.job("seed-fs02").orElseThrow().state());
            assertTrue(catalog.actor().startsWith(System.getProperty("user.name") + "@"), catalog.actor());
        }
        for (String sql : new String[] {"UPDATE events SET detail = 'x'", "DELETE FROM events"}) {
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (var c = PostgresServer.get().connect(url); Statement s = c.createStatement()) {
                    s.executeUpdate(sql);
                }
            }, sql);
            assertTrue(refused.getMessage().contains("permission denied for table events"), refused.getMessage());
        }
    }

    @Test
    void aWrongPasswordInTheUrlIsRefusedInOneLineThatDoesNotShowIt() {
        String url = PostgresServer.withParameters(backend.url(), "user=nobody_here&password=Hunter2-secret");
        CatalogException refused = assertThrows(CatalogException.class, () -> service.open(data, url, "cli"));

        assertTrue(refused.getMessage().contains("refused the login of nobody_here"), refused.getMessage());
        assertTrue(refused.getMessage().contains("password=***"), refused.getMessage());
        assertFalse(refused.getMessage().contains("Hunter2-secret"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void aUrlThatAsksForVerifiedTlsConnectsWithTheServersCaAndIsRefusedWithAnotherInOneLine(@TempDir Path tls)
            throws Exception {
        Path ca = PostgresServer.get().caCertificate();
        assertNotNull(ca, "the test server's CA (" + PostgresServer.CA_ENV + ", as releng/pg.sh prints it)");
        String verified = PostgresServer.withParameters(backend.url(), "ssl=true&sslmode=verify-full&sslrootcert="
                + ca);
        try (Catalog catalog = service.open(data, verified, "cli")) {
            assertEquals(1, catalog.jobs().size());
        }

        Path other = tls.resolve("other-ca.crt");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=Some other CA", "-keyout", tls.resolve("other-ca.key").toString(), "-out",
                other.toString()).redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertEquals(0, openssl.waitFor(), "openssl made another CA");
        String wrong = PostgresServer.withParameters(backend.url(), "ssl=true&sslmode=verify-full&sslrootcert="
                + other);

        CatalogException refused = assertThrows(CatalogException.class,
                () -> new H2CatalogService(Duration.ofSeconds(2)).open(data, wrong, "cli"));

        assertTrue(refused.getMessage().contains("refused: the server's TLS certificate is not trusted ("),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith("check that sslrootcert names the CA that signed the server's "
                + "certificate"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    /** A new login role in {@code group}, as an admin makes one per person. */
    private static String login(String group) {
        String user = group.replace("seedbench_", "") + "_" + ProcessHandle.current().pid() + "_"
                + USERS.incrementAndGet();
        PostgresServer.get().createLogin(user, group);
        return user;
    }
}
