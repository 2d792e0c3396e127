package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.BackupStatistics;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.VerifyProblem;
import org.seedbench.backup.VerifyProblem.AffectedFile;
import org.seedbench.backup.VerifyReport;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.index.IndexFile;
import org.seedbench.backup.internal.pack.EncodedBlob;
import org.seedbench.backup.internal.pack.PackFormat;
import org.seedbench.backup.internal.pack.PackWriter;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;

/** Damage and tampering are found, named, and do not spread to what is intact. */
class DamageTest {
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    private Path src;
    private Path repoDir;
    private String snapshot;

    @BeforeEach
    void backUp() throws IOException {
        src = temp.resolve("source");
        Files.createDirectories(src);
        Files.write(src.resolve("a.bin"), Fixture.random(1, 100_000));
        Files.write(src.resolve("b.bin"), Fixture.random(2, 100_000));
        Files.write(src.resolve("c.txt"), Fixture.text(3, 50_000));
        repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL.withPackSize(64 * 1024))) {
            snapshot = fx.backup(repo, src).snapshots().get(0).id();
            assertTrue(fx.engine.verify(repo, true, Progress.NONE).isClean());
        }
    }

    private Repository open() throws Exception {
        return fx.engine.open(new org.seedbench.core.support.store.FolderObjectStore(repoDir), Fixture.passphrase());
    }

    /** Where the first chunk of a file of the snapshot is stored. */
    private ChunkIndex.Location firstChunk(Repository repo, String path) throws IOException {
        OpenRepository open = OpenRepository.of(repo);
        try (BlobCodec codec = open.newCodec()) {
            ChunkIndex index = open.loadIndex(codec, w -> {
            }, () -> {
            }).index();
            TreeEntry entry = open.readTree(open.readSnapshot(snapshot, codec), index, codec).stream()
                    .filter(e -> e.path().equals(path)).findFirst().orElseThrow();
            return index.find(BlobType.DATA, entry.chunks().get(0));
        }
    }

    private void flip(String pack, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(repoDir.resolve(PackFormat.objectName(pack)).toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x20);
        }
    }

    private static boolean affects(VerifyReport report, String path) {
        return report.problems().stream().flatMap(p -> p.affectedFiles().stream())
                .anyMatch(f -> f.path().equals(path));
    }

    @Test
    void aFlippedByteInAPackIsNamedWithTheFilesItAffectsAndTheOthersStillRestore() throws Exception {
        try (Repository repo = open()) {
            ChunkIndex.Location at = firstChunk(repo, "a.bin");
            flip(at.pack(), at.offset() + at.length() / 2);

            VerifyReport report = fx.engine.verify(repo, true, Progress.NONE);
            assertTrue(report.hasErrors());
            VerifyProblem problem = report.problems().stream().filter(p -> at.pack().equals(p.pack())).findFirst()
                    .orElseThrow(() -> new AssertionError(report.toString()));
            assertTrue(problem.affectedFiles().contains(new AffectedFile(snapshot, "a.bin")), problem.describe());
            assertTrue(problem.describe().contains(at.pack()) && problem.describe().contains("a.bin"));
            assertFalse(affects(report, "b.bin"), report.toString());
            assertFalse(affects(report, "c.txt"), report.toString());

            RestoreResult all = fx.engine.restore(repo, "latest", temp.resolve("all"), List.of(), false,
                    Progress.NONE);
            assertEquals(List.of("a.bin"), all.failed().stream().map(RestoreResult.Failure::path).toList());
            assertTrue(all.failed().get(0).reason().contains(at.pack()), all.failed().get(0).reason());
            assertFalse(Files.exists(temp.resolve("all/a.bin")), "a damaged file is not written");
            assertEquals(-1, Fixture.mismatch(src.resolve("b.bin"), temp.resolve("all/b.bin")));
            assertEquals(-1, Fixture.mismatch(src.resolve("c.txt"), temp.resolve("all/c.txt")));

            RestoreResult onlyB = fx.engine.restore(repo, "latest", temp.resolve("only-b"), List.of("b.bin"), false,
                    Progress.NONE);
            assertTrue(onlyB.isComplete(), onlyB::toString);
            assertEquals(-1, Fixture.mismatch(src.resolve("b.bin"), temp.resolve("only-b/b.bin")));
        }
    }

    @Test
    void aDamagedTrailerIsFoundWithoutReadingDataAndRestoreStillWorks() throws Exception {
        try (Repository repo = open()) {
            ChunkIndex.Location at = firstChunk(repo, "c.txt");
            long size = Files.size(repoDir.resolve(PackFormat.objectName(at.pack())));
            flip(at.pack(), size - 8 - 3);
            VerifyReport report = fx.engine.verify(repo, false, Progress.NONE);
            assertTrue(report.hasErrors());
            assertTrue(report.problems().stream().anyMatch(p -> at.pack().equals(p.pack())
                    && p.message().contains("trailer") && p.affectedFiles().contains(new AffectedFile(snapshot,
                            "c.txt"))), report.toString());
            RestoreResult r = fx.engine.restore(repo, "latest", temp.resolve("out"), List.of(), false,
                    Progress.NONE);
            assertTrue(r.isComplete(), "the index still locates every blob: " + r);
        }
    }

    @Test
    void aMissingPackIsNamedWithItsFiles() throws Exception {
        try (Repository repo = open()) {
            ChunkIndex.Location at = firstChunk(repo, "b.bin");
            Files.delete(repoDir.resolve(PackFormat.objectName(at.pack())));
            VerifyReport report = fx.engine.verify(repo, false, Progress.NONE);
            assertTrue(report.problems().stream().anyMatch(p -> at.pack().equals(p.pack())
                    && p.message().contains("missing")
                    && p.affectedFiles().contains(new AffectedFile(snapshot, "b.bin"))), report.toString());
        }
    }

    @Test
    void aDamagedIndexFileIsReportedAndTheNextBackupStillKnowsItsPacks() throws Exception {
        try (Repository repo = open()) {
            Path indexFile = repoDir.resolve(Fixture.files(repoDir, "index").get(0));
            byte[] content = Files.readAllBytes(indexFile);
            content[content.length / 2] ^= 1;
            Files.write(indexFile, content);
            VerifyReport report = fx.engine.verify(repo, false, Progress.NONE);
            assertTrue(report.problems().stream().anyMatch(p -> p.message().contains("index file")), report::toString);
            List<String> packs = Fixture.files(repoDir, "packs");
            var again = fx.backup(repo, src);
            assertEquals(0, again.statistics().bytesNew(), "the packs were found by their trailers");
            assertEquals(packs, Fixture.files(repoDir, "packs"));
        }
    }

    @Test
    void aTamperedTreeThatClimbsOutOfTheTargetIsRefusedBeforeAnythingIsWritten() throws Exception {
        String tampered;
        try (Repository repo = open()) {
            OpenRepository open = OpenRepository.of(repo);
            try (BlobCodec codec = open.newCodec(); PackWriter pack = new PackWriter(repo.storage(), codec,
                    open.packFolder(BlobType.TREE))) {
                ChunkIndex.Location a = firstChunk(repo, "a.bin");
                BlobId chunk = blobAt(open, codec, a);
                List<TreeEntry> entries = List.of(
                        new TreeEntry("innocent.bin", WorkloadItem.Type.FILE, a.rawLength(), Instant.now(), Map.of(),
                                null, List.of(chunk)),
                        new TreeEntry("../evil.bin", WorkloadItem.Type.FILE, a.rawLength(), Instant.now(), Map.of(),
                                null, List.of(chunk)));
                byte[] plain = open.documents().encodeTree(entries);
                BlobId tree = codec.id(plain, 0, plain.length);
                pack.add(new EncodedBlob(BlobType.TREE, tree, codec.encodeBlob(BlobType.TREE, tree, plain, 0,
                        plain.length), plain.length));
                PackWriter.FinishedPack done = pack.finish();
                IndexFile.write(repo.storage(), codec, Map.of(done.name(), done.entries()));
                tampered = open.writeSnapshot(new SnapshotRecord(Instant.now(), "mallory",
                        FolderSourceForTests.spec(src), List.of(tree), BackupStatistics.EMPTY, List.of()), codec);
            }
            Path target = temp.resolve("jail/target");
            RepositoryException e = assertThrows(RepositoryException.class,
                    () -> fx.engine.restore(repo, tampered, target, List.of(), true, Progress.NONE));
            assertTrue(e.getMessage().contains("../evil.bin") && e.getMessage().contains("nothing was restored"),
                    e.getMessage());
            assertFalse(Files.exists(temp.resolve("jail/evil.bin")));
            if (Files.exists(target)) {
                try (Stream<Path> left = Files.list(target)) {
                    assertEquals(0, left.count(), "nothing is written into the target either");
                }
            }
            VerifyReport report = fx.engine.verify(repo, false, Progress.NONE);
            assertTrue(report.problems().stream().anyMatch(p -> p.message().contains("../evil.bin")),
                    report::toString);
        }
    }

    private static BlobId blobAt(OpenRepository open, BlobCodec codec, ChunkIndex.Location at) throws IOException {
        for (var entry : PackFormat.readTrailer(open.storage(), codec, open.packObject(at))) {
            if (entry.offset() == at.offset()) {
                return entry.id();
            }
        }
        throw new AssertionError("no blob at " + at);
    }
}
