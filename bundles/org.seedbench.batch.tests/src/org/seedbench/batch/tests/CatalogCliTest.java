package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The data directory on the command line: a damaged catalog is named and restored from its backups, a data
 * directory without a catalog (a typo in {@code --data}) never gets an empty one unasked, a file is no data
 * directory.
 */
@ExtendWith(ServiceExtension.class)
class CatalogCliTest {

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    private CliRun init(Path data, String name) throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "a file to seed\n");
        return CliRun.run(cli, data, "init", "--name", name, "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + source);
    }

    @Test
    void aDamagedCatalogIsNamedNeverWrittenOverAndABackupPutsItBack() throws Exception {
        Path data = tmp.resolve("data");
        CliRun created = init(data, "seed-fs01");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals(0, CliRun.run(cli, data, "jobs").exitCode(), "the catalog is backed up when a day has no backup");
        Path file = data.resolve("catalog.mv.db");
        Files.write(file, new byte[0]);

        CliRun jobs = CliRun.run(cli, data, "jobs");
        CliRun another = init(data, "seed-fs02");

        String named = "catalog file " + file + " is damaged (it is empty); nothing was written";
        assertEquals(1, jobs.exitCode(), jobs.out() + jobs.err());
        assertEquals(1, jobs.errLines().size(), jobs.err());
        assertTrue(jobs.err().startsWith("seedbench jobs: " + named), jobs.err());
        assertFalse(jobs.out().contains("No jobs yet"), jobs.out());
        assertEquals(1, another.exitCode(), another.out() + another.err());
        assertTrue(another.err().startsWith("seedbench init: " + named), another.err());
        assertEquals(0, Files.size(file), "nothing was written over the damaged file");

        CliRun backups = CliRun.run(cli, data, "catalog", "backups", "--json");
        assertEquals(0, backups.exitCode(), backups.err());
        JsonNode list = new ObjectMapper().readTree(backups.out());
        assertEquals(1, list.size(), backups.out());
        assertEquals("daily", list.get(0).path("reason").asText());
        CliRun restore = CliRun.run(cli, data, "catalog", "restore", list.get(0).path("backup").asText());
        assertEquals(0, restore.exitCode(), restore.out() + restore.err());
        assertTrue(restore.out().startsWith("Restored the catalog of " + data + " from catalog-"), restore.out());

        CliRun after = CliRun.run(cli, data, "jobs");
        assertEquals(0, after.exitCode(), after.err());
        assertTrue(after.out().lines().anyMatch(l -> l.startsWith("seed-fs01 ")), after.out());
        try (var files = Files.list(data)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("catalog-replaced-")),
                    "the damaged file is kept beside the restored one");
        }
    }

    @Test
    void aDataDirectoryWithoutACatalogIsNotGivenOneUnasked() throws Exception {
        Path typo = tmp.resolve("dtaa");

        CliRun status = CliRun.run(cli, typo, "status", "seed-fs01");
        CliRun stage = CliRun.run(cli, typo, "stage", "seed-fs01");
        CliRun drives = CliRun.run(cli, typo, "drives");
        CliRun jobs = CliRun.run(cli, typo, "jobs");

        for (CliRun r : List.of(status, stage)) {
            assertEquals(3, r.exitCode(), r.out() + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("data directory '" + typo + "': holds no catalog, so no job 'seed-fs01'"),
                    r.err());
        }
        assertEquals(3, drives.exitCode(), drives.err());
        assertTrue(drives.err().contains("holds no catalog"), drives.err());
        assertEquals(0, jobs.exitCode(), jobs.err());
        assertTrue(jobs.out().startsWith("No jobs yet: there is no catalog at " + typo), jobs.out());
        assertFalse(Files.exists(typo), "nothing was created");

        CliRun created = init(typo, "seed-fs01");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals(List.of("seedbench: no catalog at " + typo + "; creating one"), created.errLines());
        CliRun second = init(typo, "seed-fs02");
        assertEquals(List.of(), second.errLines(), "said once, when the catalog is created");
    }

    @Test
    void aDataDirectoryThatIsAFileIsInvalidInput() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "not a folder\n");

        for (String verb : List.of("jobs", "init")) {
            CliRun r = CliRun.run(cli, file, verb);
            assertEquals(3, r.exitCode(), r.out() + r.err());
            assertEquals(List.of("seedbench " + verb + ": data directory '" + file + "': is a file (allowed: a folder "
                    + "for the catalog and keys (--data DIR or SEEDBENCH_DATA))"), r.errLines());
        }
        assertEquals("not a folder\n", Files.readString(file));
    }
}
