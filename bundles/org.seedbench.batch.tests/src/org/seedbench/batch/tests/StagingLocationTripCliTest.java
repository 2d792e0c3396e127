package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.CloudConnector;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A staging location given as a {@code file:} URI, and one given as the UNC path of a mounted SMB share (the local
 * staging provider maps it through the mount table, here a test's own), each go the whole trip through the command
 * line: stage, prepare-drives, verify, restore, ship, the simulated import, seed-vault and cleanup, which removes the
 * staging repository through the provider and leaves the location.
 */
@ExtendWith(ServiceExtension.class)
class StagingLocationTripCliTest {
    static final String PASSPHRASE = "correct horse battery staple";
    static final String JOB = "seed-fs01";
    /** The local staging provider's system property naming the mount table it reads. */
    static final String MOUNT_TABLE = "seedbench.staging.mountTable";
    static final Set<String> DONE = Set.of("Completed", "CompletedWithErrors");

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector cloud;

    @TempDir
    Path tmp;

    Path data;
    Path source;
    Path passFile;

    @BeforeEach
    void source() throws IOException {
        data = tmp.resolve("data");
        source = Files.createDirectories(tmp.resolve("source"));
        passFile = tmp.resolve("pass.txt");
        Files.writeString(passFile, PASSPHRASE + "\n");
        byte[] content = new byte[3_000_000];
        new Random(13).nextBytes(content);
        Files.write(source.resolve("data.bin"), content);
        Files.createDirectories(source.resolve("docs"));
        Files.writeString(source.resolve("docs/notes.txt"), "the seed of the file server\n".repeat(10_000));
    }

    @AfterEach
    void noMountTable() {
        System.clearProperty(MOUNT_TABLE);
    }

    @Test
    void aFileUriLocationGoesTheWholeTrip() throws IOException {
        Path staging = tmp.resolve("staging folder");
        String uri = staging.toUri().toString();
        assertTrue(uri.startsWith("file:/") && uri.contains("%20"), uri);
        trip(uri, staging);
    }

    @Test
    void aMountedShareLocationGoesTheWholeTrip() throws IOException {
        Path mountPoint = Files.createDirectories(tmp.resolve("mnt/backup"));
        Path table = tmp.resolve("mounts");
        Files.writeString(table, "/dev/vda / ext4 rw,relatime 0 0\n"
                + "//FileServer/Backup " + mountPoint + " cifs rw,relatime,vers=3.1.1 0 0\n");
        System.setProperty(MOUNT_TABLE, table.toString());
        trip("//fileserver/backup/stage", mountPoint.resolve("stage"));
    }

    /** The whole trip of a job staged at {@code location}, which stands for the folder {@code staging}. */
    private void trip(String location, Path staging) throws IOException {
        CliRun init = run("init", "--name", JOB, "--staging", location, "--storage-account", "contosobackup",
                "--container", "seed", "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location",
                "westeurope", "--workload", "files:" + source);
        assertEquals(0, init.exitCode(), init.out() + init.err());
        CliRun stage = run("stage", JOB, "--passphrase-file", passFile.toString());
        assertEquals(0, stage.exitCode(), stage.out() + stage.err());
        assertTrue(Files.isRegularFile(staging.resolve(JOB).resolve("config")), "staged into " + staging);

        Path drive = tmp.resolve("drives/SB-0001");
        CliRun prepare = run("prepare-drives", JOB, "--yes-format", "--drive",
                "dir:" + drive + ",capacity=200M,serial=SB-0001");
        assertEquals(0, prepare.exitCode(), prepare.out() + prepare.err());

        CliRun verify = run("verify", JOB, "--read-data", "--passphrase-file", passFile.toString());
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("Clean: "), verify.out());

        Path restored = tmp.resolve("restored");
        CliRun restore = run("restore", JOB, "--target", restored.toString(), "--passphrase-file",
                passFile.toString());
        assertEquals(0, restore.exitCode(), restore.out() + restore.err());
        for (String name : new String[] { "data.bin", "docs/notes.txt" }) {
            assertArrayEquals(Files.readAllBytes(source.resolve(name)), Files.readAllBytes(restored.resolve(name)),
                    name);
        }

        CliRun ship = run(CliRun.withReturnOptions("ship", JOB, "--carrier", "FedEx", "--tracking", "774899172345"));
        assertEquals(0, ship.exitCode(), ship.out() + ship.err());
        importTheSeed();
        CliRun seed = run("seed-vault", JOB);
        assertEquals(0, seed.exitCode(), seed.out() + seed.err());

        CliRun cleanup = run("cleanup", JOB);
        assertEquals(0, cleanup.exitCode(), cleanup.out() + cleanup.err());
        assertEquals("CleanedUp", state());
        assertFalse(Files.exists(staging.resolve(JOB)), "cleanup removed the staging repository");
        assertTrue(Files.isDirectory(staging), "and left the staging location");
    }

    /** Moves the simulated service's clock a day at a time until the datacenter copy is done. */
    private void importTheSeed() throws IOException {
        LocalSession local = (LocalSession) cloud.signIn(ConnectorSettings.of(data));
        for (int day = 0; day < 20; day++) {
            if (DONE.contains(state())) {
                return;
            }
            local.advanceClock(Duration.ofDays(1));
        }
        fail("the import job did not complete in 20 days: " + state());
    }

    private String state() throws IOException {
        return new ObjectMapper().readTree(run("status", JOB, "--json").out()).path("state").asText();
    }

    private CliRun run(String... args) {
        CliRun r = CliRun.run(cli, data, args);
        assertFalse(r.out().contains(PASSPHRASE) || r.err().contains(PASSPHRASE), "the passphrase was printed");
        return r;
    }
}
