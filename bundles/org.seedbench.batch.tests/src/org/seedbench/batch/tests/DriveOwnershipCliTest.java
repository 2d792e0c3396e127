package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.JobState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A drive that carries another job's seed is never formatted (issue 12, item 1): refused before anything is
 * written, by its serial in the catalog or by its volume header, whatever --yes-format says; the other job's drive
 * still verifies clean and unlocks with its recovery password, and neither job's events change. A drive of a
 * Cancelled job is reused only with --reuse-drive-of, recorded in both jobs' events. Drive folders inside a
 * staging location or a source are refused (6j), and BitLocker on Linux says where it runs (7).
 */
@ExtendWith(ServiceExtension.class)
class DriveOwnershipCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @TempDir
    Path tmp;

    Path data;
    Path source;

    @BeforeEach
    void twoStagedJobsTheFirstOnDriveSB0001() throws IOException {
        data = tmp.resolve("data");
        source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(tmp.resolve("pass.txt"), "correct horse battery staple\n");
        Random random = new Random(5);
        byte[] chunk = new byte[3_000_000];
        for (int i = 0; i < 3; i++) {
            random.nextBytes(chunk);
            Files.write(source.resolve("data-" + i + ".bin"), chunk);
        }
        for (String job : List.of("fs01", "vmsrc2")) {
            CliRun init = run("init", "--name", job, "--staging", tmp.resolve("staging").toString(), "--storage-account",
                    "contosobackup", "--container", "seed", "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                    "--location", "westeurope", "--workload", "files:" + source);
            assertEquals(0, init.exitCode(), init.err());
            CliRun stage = run("stage", job, "--passphrase-file", tmp.resolve("pass.txt").toString());
            assertEquals(0, stage.exitCode(), stage.err());
        }
        CliRun prepared = run("prepare-drives", "fs01", "--yes-format", "--drive", drive("d1", "SB-0001"));
        assertEquals(0, prepared.exitCode(), prepared.err());
        assertEquals("Creating", state("fs01"));
    }

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    private String drive(String folder, String serial) {
        return "dir:" + tmp.resolve("drives/" + folder) + ",capacity=200M,serial=" + serial;
    }

    private JsonNode status(String job) throws IOException {
        CliRun r = run("status", job, "--json");
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(r.out());
    }

    private String state(String job) throws IOException {
        return status(job).path("state").asText();
    }

    private List<String> events(String job) throws IOException {
        List<String> events = new ArrayList<>();
        status(job).path("events").forEach(e -> events.add(e.toString()));
        return events;
    }

    /** Every file under the folder with its size and modification time. */
    private Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(folder.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p));
                }
            }
        }
        return files;
    }

    private void assertRefused(CliRun r, String... expected) {
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), r.err());
        }
    }

    @Test
    void anotherJobsDriveIsRefusedBeforeAnythingIsWrittenAndStaysVerifiable() throws IOException {
        Path d1 = tmp.resolve("drives/d1");
        Map<String, String> before = files(d1);
        List<String> fs01Events = events("fs01");
        List<String> vmsrc2Events = events("vmsrc2");

        // by its serial in the catalog, --yes-format or not
        assertRefused(run("prepare-drives", "vmsrc2", "--yes-format", "--drive", drive("d1", "SB-0001")),
                "drive 'SB-0001': holds the seed of job fs01 (Creating)");
        // by its volume header, under another serial
        assertRefused(run("prepare-drives", "vmsrc2", "--yes-format", "--drive", drive("d1", "SB-0099")),
                "drive 'SB-0099': holds the seed of job fs01 (Creating)");
        // naming the job does not help while it is not CleanedUp or Cancelled
        assertRefused(run("prepare-drives", "vmsrc2", "--yes-format", "--reuse-drive-of", "fs01", "--drive",
                drive("d1", "SB-0001")), "holds the seed of job fs01 (Creating)");

        assertEquals(before, files(d1), "nothing was written to fs01's drive");
        assertEquals("Staged", state("vmsrc2"));
        assertEquals(fs01Events, events("fs01"));
        assertEquals(vmsrc2Events, events("vmsrc2"));
        CliRun verify = run("verify-drive", "fs01", "SB-0001");
        assertEquals(0, verify.exitCode(), verify.err());
        assertTrue(verify.out().startsWith("Drive SB-0001 is clean"), verify.out());
        String password = Files.readAllLines(data.resolve("drives/fs01/drive-keys.properties")).stream()
                .filter(l -> l.startsWith("SB-0001.password=")).findFirst().orElseThrow().substring(17);
        Path passwordFile = tmp.resolve("recovery.txt");
        Files.writeString(passwordFile, password + "\n");
        CliRun unlock = run("verify-drive", "fs01", "SB-0001", "--recovery-password-file", passwordFile.toString());
        assertEquals(0, unlock.exitCode(), unlock.err());

        CliRun drives = run("drives");
        assertTrue(drives.out().lines().findFirst().orElseThrow().startsWith("JOB "), drives.out());
        assertEquals(1, drives.out().lines().filter(l -> l.contains("SB-0001")).count(), drives.out());
        assertTrue(drives.out().lines().anyMatch(l -> l.startsWith("fs01 ") && l.contains("SB-0001")), drives.out());
    }

    @Test
    void aDriveOfACancelledJobIsReusedOnlyWhenNamedAndBothJobsRecordIt() throws IOException {
        try (Catalog catalog = catalogs.open(data)) {
            catalog.moveJob("fs01", JobState.CANCELLED, "cancelled by the test");
        }
        assertRefused(run("prepare-drives", "vmsrc2", "--yes-format", "--drive", drive("d1", "SB-0001")),
                "holds the seed of job fs01 (Cancelled)", "--reuse-drive-of fs01");
        int fs01Events = events("fs01").size();

        CliRun reused = run("prepare-drives", "vmsrc2", "--yes-format", "--reuse-drive-of", "fs01", "--drive",
                drive("d1", "SB-0001"));
        assertEquals(0, reused.exitCode(), reused.err());
        List<String> fs01 = events("fs01");
        List<String> added = fs01.subList(fs01Events, fs01.size());
        assertTrue(added.stream().allMatch(e -> e.contains("SB-0001")), added.toString());
        assertTrue(added.stream().anyMatch(e -> e.contains("drive SB-0001 reused by job vmsrc2")), added.toString());
        assertTrue(events("vmsrc2").stream().anyMatch(e -> e.contains("drive SB-0001 of job fs01 (Cancelled) reused")));
        CliRun verify = run("verify-drive", "vmsrc2", "SB-0001");
        assertEquals(0, verify.exitCode(), verify.err());
        assertEquals("Creating", state("vmsrc2"));
        CliRun drives = run("drives");
        assertTrue(drives.out().lines().anyMatch(l -> l.startsWith("vmsrc2 ") && l.contains("SB-0001")), drives.out());
    }

    @Test
    void aDriveFolderInsideTheStagingLocationOrASourceIsRefused() throws IOException {
        Map<String, String> sourceBefore = files(source);
        assertRefused(run("prepare-drives", "vmsrc2", "--yes-format", "--drive",
                "dir:" + tmp.resolve("staging/drive") + ",capacity=200M,serial=SB-0002"),
                "is inside the staging location of job");
        assertFalse(Files.exists(tmp.resolve("staging/drive")), "nothing was written");
        assertRefused(run("prepare-drives", "vmsrc2", "--yes-format", "--drive",
                "dir:" + source.resolve("drive") + ",capacity=200M,serial=SB-0002"), "is inside a source of job");
        assertRefused(run("prepare-drives", "vmsrc2", "--yes-format", "--drive",
                "dir:" + tmp + ",capacity=200M,serial=SB-0002"), "holds");
        assertEquals(sourceBefore, files(source));
        assertEquals("Staged", state("vmsrc2"));
    }

    @Test
    void bitLockerOnLinuxSaysWhereItRuns() {
        CliRun r = run("prepare-drives", "vmsrc2", "--yes-format", "--encryptor", "bitlocker", "--drive",
                drive("d2", "SB-0002"));
        assertRefused(r, "BitLocker drives are prepared on Windows (manage-bde)", "--encryptor portable");
        assertFalse(r.err().contains("not installed"), r.err());
    }
}
