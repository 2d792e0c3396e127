package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code prepare-drives --dry-run} on the embedded local cloud: it checks as a run does and says which drives would
 * be formatted and what copied onto each, and writes nothing (no drive folder, no file in the data directory, the
 * job's state and drives unchanged); the run that follows copies what the dry run said.
 */
@ExtendWith(ServiceExtension.class)
class PrepareDrivesDryRunCliTest {
    static final String JOB = "seed-fs01";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    private CliRun run(String... args) {
        return CliRun.run(cli, tmp.resolve("data"), args);
    }

    /**
     * Every file under a folder with its size and modification time; the catalog's database file is left out: H2
     * rewrites its header whenever a verb opens it, even one that only reads (the catalog's content is compared
     * through the verbs instead).
     */
    private static Map<String, String> files(Path root) throws Exception {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(p -> !p.getFileName().toString().equals("catalog.mv.db"))
                    ::iterator) {
                all.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.size(p) + "@"
                        + Files.getLastModifiedTime(p) : "dir");
            }
        }
        return all;
    }

    @Test
    void aDryRunSaysWhatWouldBeFormattedAndCopiedAndWritesNothing() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Random random = new Random(3);
        for (int i = 0; i < 3; i++) {
            byte[] content = new byte[2_000_000];
            random.nextBytes(content);
            Files.write(source.resolve("data-" + i + ".bin"), content);
        }
        Path pass = tmp.resolve("pass.txt");
        Files.writeString(pass, "correct horse battery staple\n");
        assertEquals(0, run("init", "--name", JOB, "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + source)
                .exitCode());
        CliRun stage = run("stage", JOB, "--passphrase-file", pass.toString());
        assertEquals(0, stage.exitCode(), stage.out() + stage.err());
        Path drive = tmp.resolve("drives/SB-0001");
        String spec = "dir:" + drive + ",capacity=200M,serial=SB-0001";
        Map<String, String> data = files(tmp.resolve("data"));
        Map<String, String> staging = files(tmp.resolve("staging"));
        String drives = run("drives", JOB, "--json").out();
        String events = run("status", JOB, "--json").out().replaceAll("\"(now|generated|daysLeft)\"[^,}]*", "");

        CliRun dry = run("prepare-drives", JOB, "--dry-run", "--drive", spec);
        assertEquals(0, dry.exitCode(), dry.out() + dry.err());
        assertTrue(dry.out().contains("Would format and encrypt drive SB-0001 (portable)"), dry.out());
        assertTrue(dry.out().matches("(?s).*Would copy \\d+ files \\(.*\\) onto drive SB-0001.*"), dry.out());
        assertTrue(dry.out().contains("Dry run: nothing was formatted, copied or written"), dry.out());
        CliRun dryJson = run("prepare-drives", JOB, "--dry-run", "--drive", spec, "--json");
        assertEquals(0, dryJson.exitCode(), dryJson.out() + dryJson.err());
        JsonNode plan = JSON.readTree(dryJson.out().lines().reduce((a, b) -> b).orElseThrow());
        long planned = plan.path("copy").path("SB-0001").path("files").asLong();
        assertTrue(planned > 3, plan.toString());

        assertFalse(Files.exists(drive), "the dry run created no drive folder");
        assertEquals(data, files(tmp.resolve("data")), "nor wrote anything in the data directory");
        assertEquals(staging, files(tmp.resolve("staging")), "nor in staging");
        assertEquals("Staged", JSON.readTree(run("status", JOB, "--json").out()).path("state").asText());
        assertEquals(drives, run("drives", JOB, "--json").out(), "the catalog has no drive of the job");
        assertEquals(events, run("status", JOB, "--json").out().replaceAll("\"(now|generated|daysLeft)\"[^,}]*", ""),
                "nor any new event");

        CliRun small = run("prepare-drives", JOB, "--dry-run", "--drive",
                "dir:" + tmp.resolve("drives/SB-0002") + ",capacity=3M,serial=SB-0002");
        assertEquals(4, small.exitCode(), small.out() + small.err());
        assertTrue(small.out().contains("The seed would need 1 more drive"), small.out());
        assertFalse(Files.exists(tmp.resolve("drives/SB-0002")));

        CliRun real = run("prepare-drives", JOB, "--yes-format", "--drive", spec, "--json");
        assertEquals(0, real.exitCode(), real.out() + real.err());
        JsonNode done = real.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).filter(n -> n.path("event").asText().equals("done")).findFirst().orElseThrow();
        assertEquals(planned, done.path("drives").get(0).path("files").asLong(), "the run copies what the dry run "
                + "said: " + done);
    }
}
