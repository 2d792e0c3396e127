package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.RepositoryOptions;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.PackLease;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;

/**
 * Two copy computers preparing one job's drives through one catalog, simulated in this JVM: two data directories
 * (each its own computer id, drive keys and journals) whose workspaces open one shared catalog (an H2 catalog file
 * outside both, by its {@code jdbc:h2:file:} URL), one staging folder, folder drives. A crash is simulated by a run cancelled mid-copy whose lease then "ran out": its last heartbeat is
 * moved an hour back in the catalog, instead of waiting.
 */
@ExtendWith(ServiceExtension.class)
class SeveralCopyComputersTest {

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    DrivePreparationService preparation;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(timeout = 10_000)
    BackupEngine engine;

    @InjectService(timeout = 10_000)
    InstalledProviders installed;

    @TempDir
    Path tmp;

    private Workspace a;
    private Workspace b;

    @BeforeEach
    void twoComputers() {
        String url = "jdbc:h2:file:" + tmp.resolve("shared-catalog/catalog");
        a = workspaces.open(tmp.resolve("data-a"), url);
        b = workspaces.open(tmp.resolve("data-b"), url);
    }

    @AfterEach
    void closeThem() {
        a.close();
        b.close();
    }

    /** Stages a job of 8 random 100 kB files in small packs (64 KiB), so that drives share them. */
    private SeedingJob staged(String name) throws Exception {
        SeedingJob job = jobs.create(a, Seeds.job(tmp, name, "contosobackup", 8));
        try (Secret passphrase = Secret.of(Seeds.PASSPHRASE)) {
            engine.init(StagingRepositories.open(job, installed.stagingProviders()), passphrase,
                    RepositoryOptions.defaults().withChunkSizes(8 * 1024, 16 * 1024, 32 * 1024).withPackSize(64 * 1024))
                    .close();
            stage.stage(a, name, passphrase, Progress.NONE, w -> {
            });
        }
        return job;
    }

    private PrepareOutcome prepare(Workspace computer, String job, String serial, String capacity, Progress progress)
            throws Exception {
        try (Secret passphrase = Secret.of(Seeds.PASSPHRASE)) {
            return preparation.prepare(computer, job, List.of(spec(serial, capacity)), "portable", Set.of(), passphrase,
                    (s, description) -> true, progress, note -> {
                    });
        }
    }

    private String spec(String serial, String capacity) {
        return "dir:" + tmp.resolve("drives").resolve(serial) + ",capacity=" + capacity + ",serial=" + serial;
    }

    @Test
    void twoComputersShareThePacksAndTheOneFinishingLastCreatesTheImportJob() throws Exception {
        staged("seed-cc01");

        PrepareOutcome first = prepare(a, "seed-cc01", "SB-A1", "1500K", Progress.NONE);
        assertEquals(JobState.PREPARING_DRIVES, first.state(), "A's drive holds part of the seed");
        assertTrue(first.needsMoreDrives(), "no other computer holds the rest yet");
        assertNull(first.importJob());

        PrepareOutcome last = prepare(b, "seed-cc01", "SB-B1", "2M", Progress.NONE);
        assertNotNull(last.importJob(), "B placed the last packs: it created the import job");
        assertTrue(last.importJob().created());
        assertEquals(2, last.importJob().status().drives().size(), "A's drive (key from A's sealed file) and B's");
        try (Catalog catalog = b.catalog()) {
            assertEquals(JobState.CREATING, catalog.job("seed-cc01").orElseThrow().state());
            assertTrue(catalog.packLeases("seed-cc01").stream().allMatch(l -> l.state() == PackLease.State.PLACED));
        }
        Map<String, String> placed = eachPackOnceOrFail("seed-cc01", List.of("SB-A1", "SB-B1"));
        assertTrue(placed.containsValue("SB-A1") && placed.containsValue("SB-B1"), "both drives hold packs");
        assertClean(a, "seed-cc01", "SB-A1");
        assertClean(b, "seed-cc01", "SB-B1");
        assertNotEquals(CopyComputerId.of(a), CopyComputerId.of(b));
        assertTrue(Files.exists(SealedDriveKeys.folder(job("seed-cc01"))), "the keys travel through the staging share");
        String sealed = Files.readString(Files.list(SealedDriveKeys.folder(job("seed-cc01"))).findFirst().orElseThrow());
        assertTrue(sealed.startsWith("seedbench-sealed-drive-keys 1\n"));
        try (Catalog catalog = a.catalog()) {
            String events = catalog.events("seed-cc01").stream().map(JobEvent::detail).toList().toString();
            assertTrue(events.contains(CopyComputerId.of(a) + " claimed"), events);
            assertTrue(events.contains(CopyComputerId.of(b) + " finished last"), events);
        }
    }

    @Test
    void aCrashedComputersPacksAreTakenOverAndItsDriveKeepsOnlyWhatIsStillItsOwn() throws Exception {
        staged("seed-cc02");
        String computerA = CopyComputerId.of(a);

        // A claims every pack for its big drive and stops a quarter of the way (as if killed)
        Progress stopsMidway = new Progress() {
            long done;

            @Override
            public void worked(long units) {
                done += units;
            }

            @Override
            public boolean isCanceled() {
                return done > 200_000;
            }
        };
        assertThrows(Progress.CanceledException.class, () -> prepare(a, "seed-cc02", "SB-A1", "3M", stopsMidway));
        int claimedByA;
        try (Catalog catalog = a.catalog()) {
            claimedByA = (int) catalog.packLeases("seed-cc02").stream().filter(l -> computerA.equals(l.computer()))
                    .count();
            // its last heartbeat was an hour ago: the lease ran out
            catalog.renewPackLeases("seed-cc02", computerA, Instant.now().minus(Duration.ofHours(1)),
                    Duration.ofMinutes(5));
        }
        assertTrue(claimedByA == packs("seed-cc02").size(), "A had claimed them all");

        PrepareOutcome taken = prepare(b, "seed-cc02", "SB-B1", "1500K", Progress.NONE);
        assertEquals(JobState.PREPARING_DRIVES, taken.state());
        assertTrue(taken.needsMoreDrives(), "B's drive holds part; the rest waits for a drive");
        try (Catalog catalog = b.catalog()) {
            List<String> events = catalog.events("seed-cc02").stream().map(JobEvent::detail).toList();
            assertTrue(events.stream().anyMatch(e -> e.contains("took over") && e.contains(computerA)), events.toString());
        }

        // A comes back: its drive is planned again with the packs still its own; B's are deleted from it
        PrepareOutcome back = prepare(a, "seed-cc02", "SB-A1", "3M", Progress.NONE);
        assertNotNull(back.importJob(), "A placed the last packs: it created the import job");
        assertEquals(2, back.importJob().status().drives().size());
        Map<String, String> placed = eachPackOnceOrFail("seed-cc02", List.of("SB-A1", "SB-B1"));
        assertTrue(placed.containsValue("SB-A1") && placed.containsValue("SB-B1"));
        assertClean(a, "seed-cc02", "SB-A1");
        assertClean(b, "seed-cc02", "SB-B1");
        try (Catalog catalog = a.catalog()) {
            for (PackLease l : catalog.packLeases("seed-cc02")) {
                assertEquals(placed.get(l.pack()), l.driveSerial(), "the catalog says where each pack is");
            }
        }
    }

    @Test
    void withASharedCatalogPrepareAsksForThePassphraseBeforeWritingAnything() throws Exception {
        staged("seed-cc03");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> preparation.prepare(a, "seed-cc03",
                List.of(spec("SB-A9", "2M")), "portable", Set.of(), null, (s, d) -> true, Progress.NONE, n -> {
                }));
        assertTrue(e.getMessage().contains("SEEDBENCH_PASSPHRASE"), e.getMessage());
        try (Secret wrong = Secret.of("not the passphrase of this job")) {
            assertThrows(InvalidInputException.class, () -> preparation.prepare(a, "seed-cc03", List.of(spec("SB-A9",
                    "2M")), "portable", Set.of(), wrong, (s, d) -> true, Progress.NONE, n -> {
                    }));
        }
        assertTrue(Files.notExists(tmp.resolve("drives/SB-A9")), "no drive formatted");
        try (Catalog catalog = a.catalog()) {
            assertEquals(JobState.STAGED, catalog.job("seed-cc03").orElseThrow().state());
        }
    }

    private SeedingJob job(String name) {
        try (Catalog catalog = a.catalog()) {
            return catalog.job(name).orElseThrow();
        }
    }

    private List<String> packs(String job) throws IOException {
        Path repository = tmp.resolve("staging").resolve(job);
        try (Stream<Path> files = Files.walk(repository.resolve("packs"))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> repository.relativize(p).toString()).sorted().toList();
        }
    }

    /** Each staged pack on exactly one of the drives (by their folders): pack → serial. */
    private Map<String, String> eachPackOnceOrFail(String job, List<String> serials) throws IOException {
        Map<String, String> where = new HashMap<>();
        List<String> twice = new ArrayList<>();
        for (String serial : serials) {
            Path root = tmp.resolve("drives").resolve(serial).resolve(job);
            try (Stream<Path> files = Files.walk(root.resolve("packs"))) {
                for (Path p : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString()
                        .startsWith(".")).toList()) {
                    if (where.put(root.relativize(p).toString(), serial) != null) {
                        twice.add(root.relativize(p).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), twice, "packs on two drives");
        assertEquals(packs(job), where.keySet().stream().sorted().toList(), "every pack on a drive");
        return where;
    }

    private void assertClean(Workspace computer, String job, String serial) throws Exception {
        DriveCheck check = preparation.verifyDrive(computer, job, serial, null, Progress.NONE);
        assertEquals(List.of(), check.problems(), serial);
        long files;
        try (Stream<Path> all = Files.walk(tmp.resolve("drives").resolve(serial).resolve(job))) {
            files = all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
        assertEquals(files, check.blobs(), serial + ": its manifest lists exactly the files on it");
    }
}
