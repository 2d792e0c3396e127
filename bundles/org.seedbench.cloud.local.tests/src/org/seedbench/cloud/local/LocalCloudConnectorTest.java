package org.seedbench.cloud.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.ObjectStore.PendingObject;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.testsupport.CloudConnectorContract;

/** The local cloud keeps the contract of every cloud connector, and its blobs are files put whole. */
class LocalCloudConnectorTest extends CloudConnectorContract {
    private static final String PASSWORD = "111111-222222-333333-444444-555555-666666-777777-888888";

    private final LocalCloudConnector connector = new LocalCloudConnector(List.of());

    @Override
    protected CloudConnector connector() {
        return connector;
    }

    @Override
    protected ConnectorSettings settings(Path folder) {
        return ConnectorSettings.of(folder);
    }

    @Test
    void blobsLieInTheCloudFolderOfTheDataDirectory() throws IOException {
        session.container("contosobackup", "seed").put("job/config", new ByteArrayInputStream(new byte[] {7}), 1);
        assertTrue(Files.isRegularFile(tempDir.resolve("cloud/accounts/contosobackup/seed/job/config")));
    }

    @Test
    void aPutThatFailsHalfWayLeavesNoBlobAndNoTempFileIsListed() throws IOException {
        ObjectStore c = session.container("contosobackup", "seed");
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 1000) {
                    throw new IOException("the network went down");
                }
                return 1;
            }
        };
        assertThrows(IOException.class, () -> c.put("job/packs/00/p1", failing, 5000));
        assertFalse(c.exists("job/packs/00/p1"));
        assertThrows(IOException.class, () -> c.put("job/packs/00/p2", new ByteArrayInputStream(new byte[10]), 20),
                "a stream shorter than its length");
        assertEquals(List.of(), c.list(""));
    }

    @Test
    void badBlobNamesAreRefusedWithTheRule() throws IOException {
        ObjectStore c = session.container("contosobackup", "seed");
        for (String bad : List.of("../escape", "/abs", "a//b", "a/./b", "a\\b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.put(bad, new ByteArrayInputStream(new byte[1]), 1), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void aServerSideCopyReadsBackIdentical() throws IOException {
        ObjectStore from = session.container("contosobackup", "seed");
        ObjectStore to = session.container("contosobackup", "vault");
        from.put("job/packs/ab/abc", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
        to.copyFrom(from, "job/packs/ab/abc");
        from.delete("job/packs/ab/abc");
        try (InputStream in = to.open("job/packs/ab/abc")) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        assertEquals(3, to.size("job/packs/ab/abc"));
    }

    @Test
    void aBadRequestNamesTheFieldAndTheRule() {
        IOException e = assertThrows(IOException.class, () -> session.container("Contoso_Backup", "seed"));
        assertTrue(e.getCause() instanceof InvalidInputException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().startsWith("storage account 'Contoso_Backup'"), e.getMessage());
    }

    @Test
    void aBadImportJobRequestNamesEveryProblem() throws IOException {
        KeyProtector key = new KeyProtector("kp", Secret.of(PASSWORD));
        List<DriveEntry> drives = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            drives.add(new DriveEntry(i == 1 ? "SB-0000" : String.format("SB-%04d", i), key, "\\drive-manifest.xml",
                    i == 2 ? "not-an-md5" : "0123456789ABCDEF0123456789ABCDEF"));
        }
        IOException e = assertThrows(IOException.class, () -> session.createImportJob(new ImportJobRequest(
                SUBSCRIPTION, "moon", "1job", "contosobackup", "seed", "1 Main St", drives)));
        List<String> problems = ((InvalidInputException) e.getCause()).problems().stream().map(Problem::message)
                .toList();
        assertEquals(List.of(
                "import job name '1job': does not start with a letter "
                        + "(allowed: 3–24 letters, digits and hyphens, starting with a letter)",
                "location 'moon': is not a location of the simulated datacenter",
                "drives '11': are too many (allowed: at most 10 drives per import job)",
                "drive id 'SB-0000': is given twice (allowed: each drive once per job)",
                "manifest hash 'not-an-md5': is not an MD5 of drive SB-0002 (allowed: 32 hexadecimal digits)"),
                problems.stream().map(p -> p.startsWith("location") ? p.substring(0, p.indexOf(" (allowed")) : p)
                        .toList());
        assertFalse(e.getMessage().contains(PASSWORD));
        assertEquals(List.of(), session.listImportJobs(SUBSCRIPTION), "nothing is created");
    }

    @Test
    void theJobFileKeepsTheKeyProtectorsForTheOwnerOnly() throws IOException {
        ((LocalSession) session).advanceClock(Duration.ofDays(3));
        KeyProtector key = new KeyProtector("kp", Secret.of(PASSWORD));
        CloudJobStatus status = session.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", "seed-fs01",
                "contosobackup", "seed", "1 Main St", List.of(new DriveEntry("SB-0001", key, "\\drive-manifest.xml",
                        "0123456789ABCDEF0123456789ABCDEF"))));
        Path file = tempDir.resolve("cloud/importexport/" + SUBSCRIPTION + "/seed-fs01.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(status.toString().contains(PASSWORD));
        assertTrue(status.created().isAfter(Instant.now().plus(Duration.ofDays(2))),
                "created by the service's clock, which was moved 3 days ahead: " + status.created());
    }

    @Test
    void aDamagedJobFileIsNamedWithoutQuotingItsKeyProtectors() throws IOException {
        Path file = tempDir.resolve("cloud/importexport/" + SUBSCRIPTION + "/seed-fs01.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"name\": \"seed-fs01\",\n \"drives\": [{\"recoveryPassword\": " + PASSWORD + "}");
        IOException e = assertThrows(IOException.class, () -> session.getImportJob(SUBSCRIPTION, "seed-fs01"));
        assertTrue(e.getMessage().startsWith("the local cloud's record of job seed-fs01"), e.getMessage());
        assertFalse(e.getMessage().contains("111111"), e.getMessage());
    }

    @Test
    void aJobNameIsTakenOnceButARetryOfTheSameRequestGivesTheJob() throws IOException {
        KeyProtector key = new KeyProtector("kp", Secret.of(PASSWORD));
        ImportJobRequest request = new ImportJobRequest(SUBSCRIPTION, "westeurope", "seed-fs01", "contosobackup",
                "seed", "1 Main St", List.of(new DriveEntry("SB-0001", key, "\\drive-manifest.xml",
                        "0123456789ABCDEF0123456789ABCDEF")));
        CloudJobStatus first = session.createImportJob(request);
        assertEquals(first.created(), session.createImportJob(request).created());
        ImportJobRequest other = new ImportJobRequest(SUBSCRIPTION, "westeurope", "seed-fs01", "contosobackup",
                "other", "1 Main St", request.drives());
        IOException e = assertThrows(IOException.class, () -> session.createImportJob(other));
        assertTrue(e.getMessage().startsWith("import job name 'seed-fs01': already names another import job"),
                e.getMessage());
    }

    @Test
    void signInWithoutADataDirectorySaysWhatIsMissing() {
        IOException e = assertThrows(IOException.class,
                () -> new LocalCloudConnector(List.of()).signIn(ConnectorSettings.empty()));
        assertTrue(e.getMessage().startsWith("dataDirectory: is missing"), e.getMessage());
    }

    @Test
    void twoDataDirectoriesHaveContainersOfTheirOwn() throws IOException {
        CloudSession other = connector.signIn(ConnectorSettings.of(tempDir.resolve("other")));
        session.container("contosobackup", "seed").put("job/config", new byte[] {1});
        other.container("contosobackup", "seed").put("job/config", new byte[] {2});
        assertArrayEquals(new byte[] {1}, session.container("contosobackup", "seed").get("job/config"));
        assertArrayEquals(new byte[] {2}, other.container("contosobackup", "seed").get("job/config"));
        assertEquals("local:contosobackup/seed", other.container("contosobackup", "seed").location());
    }

    @Test
    void anObjectWrittenThroughCreateAppearsWholeOnCommitAndAnAbandonedOneIsRemoved() throws IOException {
        ObjectStore c = session.container("contosobackup", "seed");
        try (PendingObject pending = c.create("job/packs")) {
            pending.output().write(new byte[] {4, 5, 6});
            assertEquals(List.of(), c.list(""), "nothing before the commit");
            assertEquals(0, c.deleteAbandoned(), "a write in progress is left alone");
            pending.commit("job/packs/ab/abcd");
        }
        try (PendingObject discarded = c.create("job/packs")) {
            discarded.output().write(new byte[] {1});
        }
        assertEquals(List.of("job/packs/ab/abcd"), c.list(""));
        assertArrayEquals(new byte[] {5, 6}, c.getRange("job/packs/ab/abcd", 1, 2));
        assertThrows(java.io.EOFException.class, () -> c.getRange("job/packs/ab/abcd", 2, 5));
        Path dead = tempDir.resolve("cloud/accounts/contosobackup/seed/job/packs/.tmp-left-by-a-dead-process");
        Files.write(dead, new byte[] {9});
        assertEquals(1, c.deleteAbandoned());
        assertFalse(Files.exists(dead));
        assertEquals(List.of("job/packs/ab/abcd"), c.list(""));
    }
}
