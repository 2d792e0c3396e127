package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The vault through the command line, on the embedded local cloud with its datacenter simulator, the real files
 * plugin, backup engine, portable encryptor and H2 catalog: a seed is staged, put on a folder drive, imported by
 * the simulated datacenter; then seed-vault, verify and restore from the vault, an incremental backup, cleanup.
 */
@ExtendWith(ServiceExtension.class)
class VaultCliTest {
    static final String PASSPHRASE = "correct horse battery staple";
    static final String JOB = "seed-fs01";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> DONE = Set.of("Completed", "CompletedWithErrors");

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    VaultService vault;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector cloud;

    @TempDir
    Path tmp;

    Path data;
    Path source;
    Path passFile;

    @BeforeEach
    void stageASeed() throws IOException {
        data = tmp.resolve("data");
        source = Files.createDirectories(tmp.resolve("source"));
        passFile = tmp.resolve("pass.txt");
        Files.writeString(passFile, PASSPHRASE + "\n");
        Random random = new Random(5);
        byte[] content = new byte[4_000_000];
        for (int i = 0; i < 6; i++) {
            random.nextBytes(content);
            Files.write(source.resolve("data-" + i + ".bin"), content);
        }
        Files.createDirectories(source.resolve("docs"));
        Files.writeString(source.resolve("docs/notes.txt"), "the seed of the file server\n".repeat(20_000));
        assertEquals(0, run("init", "--name", JOB, "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + source)
                .exitCode());
        CliRun stage = run("stage", JOB, "--passphrase-file", passFile.toString());
        assertEquals(0, stage.exitCode(), stage.err());
    }

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    private CliRun runWithPassphrase(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--passphrase-file");
        all.add(passFile.toString());
        return run(all.toArray(String[]::new));
    }

    private JsonNode lastJsonLine(CliRun r) throws IOException {
        return JSON.readTree(r.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    private String state() throws IOException {
        CliRun r = run("status", JOB, "--json");
        return JSON.readTree(r.out()).path("state").asText();
    }

    /**
     * Prepares one folder drive (with {@code damage} applied to it), creates the import job, ships it and moves
     * the simulated service's clock a day at a time until the datacenter copy is done.
     */
    private String importTheSeed(DriveDamage damage) throws IOException {
        Path drive = tmp.resolve("drives/SB-0001");
        CliRun prepare = run("prepare-drives", JOB, "--yes-format", "--drive",
                "dir:" + drive + ",capacity=200M,serial=SB-0001");
        assertEquals(0, prepare.exitCode(), prepare.out() + prepare.err());
        damage.apply(drive);
        CliRun ship = run(CliRun.withReturnOptions("ship", JOB, "--carrier", "FedEx", "--tracking", "774899172345"));
        assertEquals(0, ship.exitCode(), ship.out() + ship.err());
        LocalSession local = (LocalSession) cloud.signIn(ConnectorSettings.of(data));
        for (int day = 0; day < 20; day++) {
            String state = state();
            if (DONE.contains(state)) {
                return state;
            }
            local.advanceClock(Duration.ofDays(1));
        }
        fail("the import job did not complete in 20 days: " + state());
        return null;
    }

    interface DriveDamage {
        void apply(Path drive) throws IOException;
    }

    private static Path firstPack(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(JOB).resolve("packs"))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().findFirst().orElseThrow();
        }
    }

    private List<String> importBlobs() throws IOException {
        return cloud.signIn(ConnectorSettings.of(data)).container("contosobackup", "seed").list(JOB + "/");
    }

    @Test
    void theVaultIsSeededBackedUpIncrementallyRestoredAndCleanedUp() throws Exception {
        assertEquals("Completed", importTheSeed(drive -> {
        }));
        List<String> imported = importBlobs();
        assertTrue(imported.contains(JOB + "/config"), imported.toString());

        CliRun early = run("cleanup", JOB);
        assertEquals(3, early.exitCode(), early.out() + early.err());
        assertEquals(1, early.errLines().size(), early.err());
        assertTrue(early.err().matches("(?s)seedbench cleanup: job 'seed-fs01': the vault .* lacks \\d+ packs? \\(.*"
                + "run seedbench seed-vault seed-fs01\\s*"), early.err());
        assertEquals("Completed", state(), "a refused cleanup leaves the job as it was");
        assertEquals(imported, importBlobs(), "and the import container");
        assertTrue(Files.isDirectory(tmp.resolve("staging").resolve(JOB)), "and staging");

        CliRun seed = run("seed-vault", JOB, "--json");
        assertEquals(0, seed.exitCode(), seed.out() + seed.err());
        JsonNode seeded = lastJsonLine(seed);
        assertEquals(imported.size(), seeded.path("copied").asInt(), seeded.toString());
        assertEquals(0, seeded.path("repaired").size(), seeded.toString());
        assertEquals("Seeded", state());
        long seedBytes = seeded.path("bytesCopied").asLong();

        CliRun verify = runWithPassphrase("verify", JOB, "--from", "vault", "--read-data");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("Clean: "), verify.out());

        byte[] fresh = new byte[1_000_000];
        new Random(9).nextBytes(fresh);
        Files.write(source.resolve("docs/new.bin"), fresh);
        Files.writeString(source.resolve("docs/notes.txt"), "one more line\n", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(source.resolve("data-5.bin"));
        CliRun backup = runWithPassphrase("backup", JOB, "--json");
        assertEquals(0, backup.exitCode(), backup.out() + backup.err());
        JsonNode backedUp = lastJsonLine(backup);
        long sent = backedUp.path("bytesSent").asLong();
        assertTrue(sent > 0 && sent < seedBytes / 10, "the incremental backup sent " + sent + " bytes, the seed "
                + seedBytes);
        assertEquals("Seeded", state());

        Path restored = tmp.resolve("restored");
        CliRun restore = runWithPassphrase("restore", JOB, "--from", "vault", "--target", restored.toString());
        assertEquals(0, restore.exitCode(), restore.out() + restore.err());
        assertEquals(contents(source), contents(restored), "the restore from the vault is the changed source");

        CliRun cleanup = run("cleanup", JOB);
        assertEquals(0, cleanup.exitCode(), cleanup.out() + cleanup.err());
        assertEquals("CleanedUp", state());
        assertEquals(List.of(), importBlobs(), "the import container holds nothing of the job");
        assertFalse(Files.exists(tmp.resolve("staging").resolve(JOB)), "the staging repository is gone");
        CliRun after = runWithPassphrase("verify", JOB, "--from", "vault", "--read-data");
        assertEquals(0, after.exitCode(), after.out() + after.err());
        CliRun staged = runWithPassphrase("verify", JOB);
        assertEquals(3, staged.exitCode(), staged.out() + staged.err());
        assertTrue(staged.err().contains("--from vault") && !staged.err().contains("seedbench stage"), staged.err());
    }

    @Test
    void aCorruptedBlockOnTheDriveIsRepairedFromStaging() throws IOException {
        String[] damaged = new String[1];
        String state = importTheSeed(drive -> {
            Path pack = firstPack(drive);
            damaged[0] = pack.getFileName().toString();
            byte[] bytes = Files.readAllBytes(pack);
            bytes[bytes.length / 2] ^= 1;
            Files.write(pack, bytes);
        });
        assertEquals("CompletedWithErrors", state);
        assertFalse(importBlobs().stream().anyMatch(b -> b.endsWith(damaged[0])), "the damaged pack was not imported");

        CliRun seed = run("seed-vault", JOB);
        assertEquals(0, seed.exitCode(), seed.out() + seed.err());
        assertTrue(seed.out().contains("Not imported by the datacenter: blob seed/" + JOB + "/packs/"
                + damaged[0].substring(0, 2) + "/" + damaged[0]), seed.out());
        assertTrue(seed.out().contains("Repaired 1 objects"), seed.out());
        assertEquals("Seeded", state());

        assertTheVaultVerifiesClean();
    }

    @Test
    void aStoppedSeedVaultResumesWithoutCopyingOrCheckingAgain() throws Exception {
        assertEquals("Completed", importTheSeed(drive -> {
        }));
        Progress stopInTheChecks = new Progress() {
            private boolean checking;
            private int checks;

            @Override
            public void begin(String task, long totalWork) {
                checking = task.startsWith("checking");
            }

            @Override
            public void checkCanceled() {
                if (checking && ++checks == 3) {
                    throw new CanceledException();
                }
            }
        };
        try {
            vault.seedVault(workspaces.open(data), JOB, stopInTheChecks);
            fail("the run was not stopped");
        } catch (Progress.CanceledException e) {
            // stopped after checking two objects
        }
        assertEquals("VaultSeeding", state());

        CliRun rerun = run("seed-vault", JOB, "--json");
        assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
        JsonNode done = lastJsonLine(rerun);
        assertEquals(0, done.path("copied").asInt(), done.toString());
        assertEquals(importBlobs().size(), done.path("alreadyInVault").asInt(), done.toString());
        assertEquals(2, done.path("alreadyChecked").asInt(), done.toString());
        assertEquals("Seeded", state());
    }

    @Test
    void vaultVerbsBeforeTheVaultIsSeededAreOneClearLine() throws IOException {
        CliRun backup = runWithPassphrase("backup", JOB);
        assertEquals(3, backup.exitCode(), backup.err());
        assertEquals(1, backup.errLines().size(), backup.err());
        assertTrue(backup.err().contains("seedbench seed-vault " + JOB), backup.err());

        CliRun seed = run("seed-vault", JOB);
        assertEquals(3, seed.exitCode(), seed.err());
        assertEquals(1, seed.errLines().size(), seed.err());

        CliRun verify = runWithPassphrase("verify", JOB, "--from", "vault");
        assertEquals(3, verify.exitCode(), verify.err());
        assertTrue(verify.err().contains("has no repository in the vault"), verify.err());

        CliRun from = runWithPassphrase("verify", JOB, "--from", "cloud");
        assertEquals(3, from.exitCode(), from.err());
        assertTrue(from.err().startsWith("seedbench verify: from 'cloud': is not a repository location"), from.err());
        assertEquals("Staged", state());
    }

    private void assertTheVaultVerifiesClean() {
        CliRun verify = runWithPassphrase("verify", JOB, "--from", "vault", "--read-data");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("Clean: "), verify.out());
    }

    private ObjectStore container(String name) throws IOException {
        return cloud.signIn(ConnectorSettings.of(data)).container("contosobackup", name);
    }

    /** Deletes the first data pack of the job from the vault (and from the import container when asked). */
    private String loseAPack(boolean fromTheImportContainerToo) throws IOException {
        String pack = container("seedbench-vault").list(JOB + "/packs/").stream().sorted().findFirst().orElseThrow();
        container("seedbench-vault").delete(pack);
        if (fromTheImportContainerToo) {
            container("seed").delete(pack);
        }
        return pack.substring(JOB.length() + 1);
    }

    private void seed() throws IOException {
        assertEquals("Completed", importTheSeed(drive -> {
        }));
        CliRun seed = run("seed-vault", JOB);
        assertEquals(0, seed.exitCode(), seed.out() + seed.err());
        assertEquals("Seeded", state());
    }

    @Test
    void seedVaultOnASeededJobSaysItIsDoneAndRepairsAPackTheVaultLostFromStaging() throws Exception {
        seed();
        CliRun again = run("seed-vault", JOB);
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().startsWith(JOB + " is seeded already: "), again.out());
        assertTrue(again.out().contains("nothing to repair"), again.out());

        String lost = loseAPack(true);
        CliRun repair = run("seed-vault", JOB);

        assertEquals(0, repair.exitCode(), repair.out() + repair.err());
        assertTrue(repair.out().contains("Sent 1 objects") && repair.out().contains(lost), repair.out());
        assertTrue(container("seedbench-vault").exists(JOB + "/" + lost), "the pack is back in the vault");
        assertEquals("Seeded", state());
        assertTheVaultVerifiesClean();
    }

    @Test
    void aPackTheVaultLostAfterCleanupIsNamedAsLost() throws Exception {
        seed();
        CliRun cleanup = run("cleanup", JOB);
        assertEquals(0, cleanup.exitCode(), cleanup.out() + cleanup.err());
        String lost = loseAPack(false);

        CliRun repair = run("seed-vault", JOB);

        assertEquals(1, repair.exitCode(), repair.out() + repair.err());
        assertEquals(1, repair.errLines().size(), repair.err());
        assertTrue(repair.err().contains("lost 1 pack") && repair.err().contains(lost)
                && repair.err().contains("seedbench verify " + JOB + " --from vault names the files"), repair.err());
        JsonNode events = JSON.readTree(run("status", JOB, "--json").out()).path("events");
        boolean recorded = false;
        for (JsonNode e : events) {
            recorded |= e.path("kind").asText().equals("vault.lost") && e.path("detail").asText().endsWith(lost);
        }
        assertTrue(recorded, events.toString());
        assertEquals("CleanedUp", state());
    }

    @Test
    void aBackupAfterTheVaultLostAPackStoresTheLostChunksAgainAndRestoresWhole() throws Exception {
        seed();
        String lost = loseAPack(false);

        CliRun backup = runWithPassphrase("backup", JOB);

        assertEquals(4, backup.exitCode(), backup.out() + backup.err());
        String name = lost.substring(lost.lastIndexOf('/') + 1);
        assertTrue(backup.out().contains("pack " + name + " is missing from "), backup.out());
        Path restored = tmp.resolve("restored");
        CliRun restore = runWithPassphrase("restore", JOB, "--from", "vault", "--target", restored.toString());
        assertEquals(0, restore.exitCode(), restore.out() + restore.err());
        assertEquals(contents(source), contents(restored), "the new snapshot holds every file whole");
    }

    /** Every file under a folder by its relative path, with the SHA-256 of its bytes. */
    static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                files.put(root.relativize(p).toString(), HexFormat.of().formatHex(sha));
            }
        }
        return files;
    }

    @Test
    void aBackupUnderTheJobsThrottleSendsNoFasterThanItsLimitAndShowsIt() throws Exception {
        seed();
        CliRun throttle = run("throttle", JOB, "--work", "1MB/s", "--off-hours", "1MB/s");
        assertEquals(0, throttle.exitCode(), throttle.out() + throttle.err());
        byte[] fresh = new byte[3_000_000];
        new Random(16).nextBytes(fresh);
        Files.write(source.resolve("docs/new.bin"), fresh);

        long start = System.nanoTime();
        CliRun backup = runWithPassphrase("backup", JOB, "--json");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(0, backup.exitCode(), backup.out() + backup.err());
        long sent = lastJsonLine(backup).path("bytesSent").asLong();
        assertTrue(sent >= fresh.length, "sent " + sent);
        assertTrue(seconds >= sent / 1e6 * 0.9, sent + " bytes at 1 MB/s were sent in " + seconds + " s");
        assertTrue(backup.out().lines().anyMatch(l -> l.contains("\"event\":\"progress\"")
                && l.matches(".*\"upload\":\"sending [^\"]*, limit 1.0 MB/s \\((work|off) hours\\)\".*")),
                backup.out());
    }

    @Test
    void aSeedVaultRepairSendsNoFasterThanTheLimitGivenForTheRun() throws Exception {
        seed();
        String lost = loseAPack(true);

        long start = System.nanoTime();
        CliRun repair = run("seed-vault", JOB, "--limit-upload", "8MB/s", "--json");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(0, repair.exitCode(), repair.out() + repair.err());
        long bytes = lastJsonLine(repair).path("bytesRepaired").asLong();
        assertTrue(bytes > 1_000_000, "repaired " + bytes);
        assertTrue(seconds >= bytes / 8e6 * 0.9, bytes + " bytes at 8 MB/s were sent in " + seconds + " s");
        assertTrue(container("seedbench-vault").exists(JOB + "/" + lost), "the pack is back in the vault");
        assertTheVaultVerifiesClean();
    }
}
