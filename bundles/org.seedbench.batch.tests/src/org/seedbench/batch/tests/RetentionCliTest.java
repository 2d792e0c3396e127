package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.workflow.RetentionService;
import org.seedbench.workflow.Workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Retention of the vault through the command line, on the embedded local cloud with its datacenter simulator: a seed
 * imported and seeded, two incremental backups, then forget and prune (each first as a dry run, which must leave the
 * vault exactly as it was), a read-data verification, a restore; seed-vault and cleanup afterwards take what forget
 * and prune removed for removed on purpose, not for lost.
 */
@ExtendWith(ServiceExtension.class)
class RetentionCliTest {
    static final String PASSPHRASE = "correct horse battery staple";
    static final String JOB = "seed-fs01";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector cloud;

    @InjectService(timeout = 10_000)
    RetentionService retention;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    Path data;
    Path source;
    Path passFile;

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    private CliRun ok(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--passphrase-file");
        all.add(passFile.toString());
        CliRun r = run(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.out() + r.err());
        return r;
    }

    private String state() throws IOException {
        return JSON.readTree(run("status", JOB, "--json").out()).path("state").asText();
    }

    /** The job's blobs in the vault container with their sizes. */
    private Map<String, Long> vaultBlobs() throws IOException {
        ObjectStore vault = cloud.signIn(ConnectorSettings.of(data)).container("contosobackup", "seedbench-vault");
        Map<String, Long> blobs = new TreeMap<>();
        for (String b : vault.list(JOB + "/")) {
            blobs.put(b, vault.size(b));
        }
        return blobs;
    }

    /** init, stage, one folder drive, ship, the simulated datacenter's import, seed-vault. */
    private void seedTheVault() throws IOException {
        data = tmp.resolve("data");
        source = Files.createDirectories(tmp.resolve("source"));
        passFile = tmp.resolve("pass.txt");
        Files.writeString(passFile, PASSPHRASE + "\n");
        Random random = new Random(5);
        for (int i = 0; i < 4; i++) {
            byte[] content = new byte[3_000_000];
            random.nextBytes(content);
            Files.write(source.resolve("data-" + i + ".bin"), content);
        }
        assertEquals(0, run("init", "--name", JOB, "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + source)
                .exitCode());
        ok("stage", JOB);
        CliRun prepare = run("prepare-drives", JOB, "--yes-format", "--drive",
                "dir:" + tmp.resolve("drives/SB-0001") + ",capacity=200M,serial=SB-0001");
        assertEquals(0, prepare.exitCode(), prepare.out() + prepare.err());
        CliRun ship = run(CliRun.withReturnOptions("ship", JOB, "--carrier", "FedEx", "--tracking", "774899172345"));
        assertEquals(0, ship.exitCode(), ship.out() + ship.err());
        LocalSession local = (LocalSession) cloud.signIn(ConnectorSettings.of(data));
        for (int day = 0; day < 20 && !state().startsWith("Completed"); day++) {
            local.advanceClock(Duration.ofDays(1));
        }
        assertEquals("Completed", state());
        CliRun seed = run("seed-vault", JOB);
        assertEquals(0, seed.exitCode(), seed.out() + seed.err());
        assertEquals("Seeded", state());
    }

    @Test
    void forgetAndPruneTheVaultThenSeedVaultAndCleanupAcceptWhatTheyRemoved() throws Exception {
        seedTheVault();
        Files.delete(source.resolve("data-0.bin"));
        Files.write(source.resolve("new-1.bin"), new byte[] { 1, 2, 3 });
        ok("backup", JOB);
        Files.delete(source.resolve("data-1.bin"));
        ok("backup", JOB);
        assertEquals(3, JSON.readTree(ok("snapshots", JOB, "--from", "vault", "--json").out()).size());

        Map<String, Long> before = vaultBlobs();
        CliRun dryForget = ok("forget", JOB, "--keep-last", "1", "--dry-run");
        assertTrue(dryForget.out().contains("Would remove 2 snapshots:"), dryForget.out());
        assertTrue(dryForget.out().contains("Dry run: nothing was deleted"), dryForget.out());
        assertEquals(before, vaultBlobs(), "a dry-run forget leaves the vault as it was");

        CliRun forget = ok("forget", JOB, "--keep-last", "1", "--json");
        JsonNode f = JSON.readTree(forget.out().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(2, f.path("removed").size(), f.toString());
        assertEquals("last snapshot", f.path("kept").get(0).path("reasons").get(0).asText(), f.toString());
        assertEquals(1, JSON.readTree(ok("snapshots", JOB, "--from", "vault", "--json").out()).size());

        Map<String, Long> afterForget = vaultBlobs();
        CliRun dryPrune = ok("prune", JOB, "--dry-run");
        assertTrue(dryPrune.out().contains("would be freed (dry run: nothing was written or deleted)"),
                dryPrune.out());
        assertTrue(dryPrune.out().contains("would rewrite " ) || dryPrune.out().contains("would delete "),
                dryPrune.out());
        assertEquals(afterForget, vaultBlobs(), "a dry-run prune leaves the vault as it was");

        CliRun prune = ok("prune", JOB, "--json");
        JsonNode p = JSON.readTree(prune.out().lines().reduce((a, b) -> b).orElseThrow());
        long freed = p.path("bytesFreed").asLong();
        assertTrue(freed > 5_000_000, "the two deleted files' 6 MB are freed: " + p);
        long sizeBefore = afterForget.values().stream().mapToLong(Long::longValue).sum();
        long sizeAfter = vaultBlobs().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(sizeBefore - sizeAfter >= freed - 4096, sizeBefore + " -> " + sizeAfter + ", freed " + freed);

        CliRun verify = ok("verify", JOB, "--from", "vault", "--read-data");
        assertTrue(verify.out().startsWith("Clean: "), verify.out());
        Path restored = tmp.resolve("restored");
        ok("restore", JOB, "--from", "vault", "--target", restored.toString());
        assertEquals(VaultCliTest.contents(source), VaultCliTest.contents(restored), "the kept snapshot restores identical");

        CliRun repair = run("seed-vault", JOB, "--json");
        assertEquals(0, repair.exitCode(), repair.out() + repair.err());
        JsonNode r = JSON.readTree(repair.out().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(0, r.path("repaired").size(), "nothing pruned is sent again from staging: " + r);
        assertEquals(1, JSON.readTree(ok("snapshots", JOB, "--from", "vault", "--json").out()).size(),
                "nor copied again from the import container");
        List<String> imported = cloud.signIn(ConnectorSettings.of(data)).container("contosobackup", "seed")
                .list(JOB + "/");
        CliRun dryCleanup = run("cleanup", JOB, "--dry-run");
        assertEquals(0, dryCleanup.exitCode(), dryCleanup.out() + dryCleanup.err());
        assertTrue(dryCleanup.out().startsWith("Would delete " + imported.size() + " blobs ("), dryCleanup.out());
        assertTrue(dryCleanup.out().contains("(dry run: nothing was deleted)"), dryCleanup.out());
        assertEquals("Seeded", state(), "a dry-run cleanup leaves the job as it was");
        assertEquals(imported, cloud.signIn(ConnectorSettings.of(data)).container("contosobackup", "seed")
                .list(JOB + "/"), "and the import container");
        assertTrue(Files.isDirectory(tmp.resolve("staging").resolve(JOB)), "and staging");
        CliRun cleanup = run("cleanup", JOB);
        assertEquals(0, cleanup.exitCode(), "cleanup does not miss what prune removed: " + cleanup.out()
                + cleanup.err());
        assertEquals("CleanedUp", state());
        assertTrue(ok("verify", JOB, "--from", "vault", "--read-data").out().startsWith("Clean: "));

        // the stored policy, as the scheduler applies it after a backup
        Files.write(source.resolve("new-2.bin"), new byte[] { 4, 5, 6 });
        ok("backup", JOB);
        assertEquals(0, run("retention", JOB, "--keep-last", "1").exitCode());
        Optional<RetentionService.Applied> applied = retention.applyPolicy(workspaces.open(data), JOB,
                Secret.of(PASSPHRASE), Progress.NONE);
        assertEquals(1, applied.orElseThrow().forget().removed().size(), applied.toString());
        assertEquals(1, JSON.readTree(ok("snapshots", JOB, "--from", "vault", "--json").out()).size());
        assertTrue(ok("verify", JOB, "--from", "vault", "--read-data").out().startsWith("Clean: "));
        Path latest = tmp.resolve("latest");
        ok("restore", JOB, "--from", "vault", "--target", latest.toString());
        assertEquals(VaultCliTest.contents(source), VaultCliTest.contents(latest));
        assertEquals(0, run("retention", JOB, "--off").exitCode());
        assertTrue(retention.applyPolicy(workspaces.open(data), JOB, Secret.of(PASSPHRASE), Progress.NONE).isEmpty(),
                "without a policy nothing is applied");
    }

    @Test
    void policiesAreStoredAndBadInputIsRefused() throws Exception {
        data = tmp.resolve("data");
        passFile = tmp.resolve("pass.txt");
        Files.writeString(passFile, PASSPHRASE + "\n");
        Path src = Files.createDirectories(tmp.resolve("source"));
        assertEquals(0, run("init", "--name", JOB, "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + src)
                .exitCode());
        CliRun none = run("retention", JOB);
        assertEquals(0, none.exitCode(), none.err());
        assertEquals("Retention of seed-fs01: none, every snapshot is kept", none.out().strip());

        CliRun set = run("retention", JOB, "--keep-daily", "7", "--keep-yearly", "unlimited");
        assertEquals(0, set.exitCode(), set.err());
        assertEquals("Retention of seed-fs01: keep daily 7, yearly unlimited, applied after each scheduled backup",
                set.out().strip());
        assertEquals(set.out(), run("retention", JOB).out());

        CliRun bad = run("forget", JOB, "--keep-daily", "seven", "--passphrase-file", passFile.toString());
        assertEquals(3, bad.exitCode(), bad.out() + bad.err());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.err().contains("--keep-daily 'seven': is not a count"), bad.err());

        CliRun draft = run("prune", JOB, "--passphrase-file", passFile.toString());
        assertEquals(3, draft.exitCode(), draft.out() + draft.err());
        assertTrue(draft.err().contains("forget and prune work on the vault once it holds the seed"), draft.err());

        CliRun both = run("retention", JOB, "--off", "--keep-last", "1");
        assertEquals(2, both.exitCode(), both.out() + both.err());
        CliRun off = run("retention", JOB, "--off");
        assertEquals(0, off.exitCode(), off.err());
        assertEquals(none.out(), off.out());
        CliRun nothing = run("forget", JOB, "--passphrase-file", passFile.toString());
        assertEquals(3, nothing.exitCode(), nothing.out() + nothing.err());
        assertTrue(nothing.err().contains("has no retention policy and no --keep option was given"), nothing.err());
    }
}
