package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

/**
 * A restore never writes where the seed lives (a repository, a staging location, a drive folder), and a restore
 * asked for a snapshot that is not there or with a pattern that is no glob is bad input: exit 3, one line,
 * nothing written.
 */
@ExtendWith(ServiceExtension.class)
class RestoreRefusalsCliTest {
    static final String PASSPHRASE = "correct horse battery staple";
    static final String JOB = "seed-fs01";

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    Path data;
    Path staging;
    Path passFile;

    @BeforeEach
    void stage() throws IOException {
        data = tmp.resolve("data");
        Path source = Files.createDirectories(tmp.resolve("source/docs"));
        staging = tmp.resolve("staging");
        passFile = tmp.resolve("pass.txt");
        Files.writeString(passFile, PASSPHRASE + "\n");
        byte[] blob = new byte[500_000];
        new Random(3).nextBytes(blob);
        Files.write(source.resolve("blob.bin"), blob);
        Files.writeString(source.resolve("notes.txt"), "notes\n".repeat(1000));
        assertEquals(0, run("init", "--name", JOB, "--staging", staging.toString(), "--storage-account",
                "contosobackup", "--container", "seed", "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                "--location", "westeurope", "--workload", "files:" + source.getParent()).exitCode());
        CliRun stage = run("stage", JOB, "--passphrase-file", passFile.toString());
        assertEquals(0, stage.exitCode(), stage.err());
    }

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Restore with these options: exit 3, one line naming {@code expected}, nothing written anywhere. */
    private void refused(String expected, String... options) throws IOException {
        List<String> before = listing(tmp);
        List<String> args = new java.util.ArrayList<>(List.of("restore", JOB, "--passphrase-file",
                passFile.toString()));
        args.addAll(List.of(options));
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        List<String> after = listing(tmp).stream().filter(p -> !p.startsWith("data")).toList();
        assertEquals(before.stream().filter(p -> !p.startsWith("data")).toList(), after, "nothing is written");
    }

    @Test
    void aTargetInsideTheRepositoryOrTheStagingLocationIsRefused() throws IOException {
        Path repository = staging.resolve(JOB);
        refused("lies inside", "--target", repository.resolve("restored").toString());
        refused("staging location " + staging, "--target", staging.resolve("restored").toString());
    }

    @Test
    void aTargetInsideADriveFolderIsRefused() throws IOException {
        Path drive = tmp.resolve("drives/SB-0001");
        CliRun prepare = run("prepare-drives", JOB, "--yes-format", "--drive", "dir:" + drive
                + ",capacity=50M,serial=SB-0001");
        assertEquals(0, prepare.exitCode(), prepare.out() + prepare.err());
        refused("drive SB-0001", "--target", drive.resolve("restored").toString());
    }

    @Test
    void aSnapshotThatIsNotThereOrAPatternThatIsNoGlobIsBadInput() throws IOException {
        Path target = tmp.resolve("restored");
        refused("snapshot 'deadbeef'", "--target", target.toString(), "--snapshot", "deadbeef");
        refused("include '[unclosed'", "--target", target.toString(), "--include", "[unclosed");
        assertFalse(Files.exists(target));
    }
}
