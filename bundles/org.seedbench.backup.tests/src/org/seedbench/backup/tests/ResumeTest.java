package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.backup.BackupResult;
import org.seedbench.core.support.store.FolderObjectStore;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.VerifyReport;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.pack.PackEntry;
import org.seedbench.backup.internal.pack.PackFormat;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.core.spi.Progress;

/**
 * A backup stopped at any point (cancelled, or killed: simulated by the temporary files a kill leaves)
 * resumes to the repository an uninterrupted run makes, without writing a pack twice.
 */
class ResumeTest {
    private static final long PACK = Fixture.SMALL.packSize();
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    private Path src;
    private long cleanSize;
    private long checks;

    @BeforeEach
    void uninterruptedRun() throws IOException {
        src = temp.resolve("source");
        Files.createDirectories(src.resolve("more"));
        for (int i = 0; i < 6; i++) {
            Files.write(src.resolve("file-" + i + ".bin"), Fixture.random(10 + i, 700_000 + i * 1000));
        }
        Files.write(src.resolve("more/words.txt"), Fixture.text(20, 1_500_000));
        Path clean = temp.resolve("clean");
        Fixture.CancelAt counting = new Fixture.CancelAt(-1);
        try (Repository repo = fx.init(clean, Fixture.SMALL)) {
            fx.backup(repo, new FolderSourceForTests(), src, counting);
        }
        cleanSize = Fixture.size(clean);
        checks = counting.checks;
        assertTrue(Fixture.files(clean, "packs").size() > 10, "the data spans many packs");
    }

    /** Pack file name to its inode and modification time. */
    private static Map<String, String> packIdentities(Path repo) throws IOException {
        Map<String, String> ids = new HashMap<>();
        for (String pack : Fixture.files(repo, "packs")) {
            BasicFileAttributes a = Files.readAttributes(repo.resolve(pack), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            ids.put(pack, a.fileKey() + "@" + a.lastModifiedTime());
        }
        return ids;
    }

    /**
     * Cancels a run at a fraction of the cancellation checks an uninterrupted run makes; 1 means once the
     * last pack and the index are written, just before the snapshot.
     */
    private Path interruptedRun(double at) throws IOException {
        long cancelAt = Math.max(1, Math.round(checks * at));
        return interruptedRun(at >= 1 ? Fixture.CancelAt.afterLastPack() : new Fixture.CancelAt(cancelAt));
    }

    private Path interruptedRun(Fixture.CancelAt progress) throws IOException {
        Path repoDir = temp.resolve("interrupted");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            assertThrows(Progress.CanceledException.class,
                    () -> fx.backup(repo, new FolderSourceForTests(), src, progress));
            assertEquals(List.of(), Fixture.files(repoDir, "snapshots"), "a stopped run writes no snapshot");
        }
        return repoDir;
    }

    private void resumeAndCheck(Path repoDir, Map<String, String> packsBefore) throws Exception {
        try (Repository repo = fx.engine.open(new FolderObjectStore(repoDir), Fixture.passphrase())) {
            BackupResult result = fx.backup(repo, src);
            assertFalse(result.completedWithWarnings(), result.warnings()::toString);
            try (Stream<Path> all = Files.walk(repoDir)) {
                assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList(),
                        "the temporary files of the interrupted run are gone");
            }
            Map<String, String> after = packIdentities(repoDir);
            for (Map.Entry<String, String> e : packsBefore.entrySet()) {
                assertEquals(e.getValue(), after.get(e.getKey()), "finished pack " + e.getKey() + " is kept as it was");
            }
            VerifyReport report = fx.engine.verify(repo, true, Progress.NONE);
            assertTrue(report.isClean(), report::toString);
            assertNoBlobTwice(repo);
            long size = Fixture.size(repoDir);
            assertTrue(Math.abs(size - cleanSize) <= PACK, "resumed repository " + size
                    + " bytes, uninterrupted " + cleanSize + " bytes");
            RestoreResult restore = fx.engine.restore(repo, "latest", temp.resolve("restored"), List.of(), false,
                    Progress.NONE);
            assertTrue(restore.isComplete(), restore::toString);
        }
        Fixture.assertSameTree(src, temp.resolve("restored"));
    }

    private static void assertNoBlobTwice(Repository repo) throws IOException {
        OpenRepository open = OpenRepository.of(repo);
        Set<String> seen = new HashSet<>();
        try (BlobCodec codec = open.newCodec()) {
            for (String pack : open.packObjects().values()) {
                for (PackEntry e : PackFormat.readTrailer(repo.storage(), codec, pack)) {
                    assertTrue(seen.add(e.type() + ":" + e.id()), "blob " + e.id() + " is stored twice");
                }
            }
        }
    }

    @ParameterizedTest(name = "cancelled at {0} of the run")
    @ValueSource(doubles = { 0.05, 0.5, 0.85, 1.0 })
    void aCancelledRunResumes(double at) throws Exception {
        Path repoDir = interruptedRun(at);
        resumeAndCheck(repoDir, packIdentities(repoDir));
    }

    @Test
    void aKilledRunsHalfWrittenPackAndTemporaryFilesAreNeverMistakenForData() throws Exception {
        Path repoDir = interruptedRun(0.8);
        Map<String, String> finished = packIdentities(repoDir);
        assertFalse(finished.isEmpty(), "the writer is at most two chunk budgets behind the reader");
        byte[] pack = Files.readAllBytes(repoDir.resolve(finished.keySet().iterator().next()));
        Files.write(repoDir.resolve("packs/.tmp-0123456789abcdef"), java.util.Arrays.copyOf(pack, pack.length / 2));
        Files.createDirectories(repoDir.resolve("packs/ff"));
        Files.write(repoDir.resolve("packs/ff/.tmp-fedcba9876543210"), java.util.Arrays.copyOf(pack, 100));
        Files.createDirectories(repoDir.resolve("index"));
        Files.write(repoDir.resolve("index/.tmp-00000000000000ff"), new byte[] { 1, 2, 3 });
        Files.write(repoDir.resolve(".tmp-config-1"), "{\"format\":".getBytes());
        try (Repository repo = fx.engine.open(new FolderObjectStore(repoDir), Fixture.passphrase())) {
            assertEquals(finished.size(), OpenRepository.of(repo).listPacks().size(),
                    "temporary files are not packs");
        }
        resumeAndCheck(repoDir, finished);
    }

    @Test
    void aSecondRunAfterAResumedOneStoresNothing() throws Exception {
        Path repoDir = interruptedRun(0.3);
        try (Repository repo = fx.engine.open(new FolderObjectStore(repoDir), Fixture.passphrase())) {
            fx.backup(repo, src);
            BackupResult again = fx.backup(repo, src);
            assertEquals(0, again.statistics().bytesNew());
        }
    }
}
