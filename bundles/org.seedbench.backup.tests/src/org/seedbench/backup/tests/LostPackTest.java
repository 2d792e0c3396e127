package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryLayout;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.VerifyProblem;
import org.seedbench.backup.VerifyReport;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;

/**
 * A lost data pack costs exactly the files whose content it holds: the trees travel in packs of their own, so
 * verify and restore still see every file, name the lost ones, and restore the others.
 */
class LostPackTest {
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    private Path src;
    private Path repoDir;

    @BeforeEach
    void backUp() throws IOException {
        src = temp.resolve("source");
        Files.createDirectories(src.resolve("docs"));
        for (int i = 0; i < 6; i++) {
            Files.write(src.resolve("file" + i + ".bin"), Fixture.random(10 + i, 90_000 + 7_000 * i));
        }
        Files.write(src.resolve("docs/notes.txt"), Fixture.text(3, 40_000));
        Files.write(src.resolve("docs/empty.txt"), new byte[0]);
        repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL.withPackSize(64 * 1024))) {
            fx.backup(repo, src);
        }
    }

    /** The files of the snapshot with a chunk in the pack. */
    private static Set<String> filesIn(Repository repo, String pack) throws IOException {
        OpenRepository open = OpenRepository.of(repo);
        Set<String> files = new TreeSet<>();
        try (BlobCodec codec = open.newCodec()) {
            ChunkIndex index = open.loadIndex(codec, w -> {
            }, () -> {
            }).index();
            String id = open.snapshotIds().get(0);
            for (TreeEntry e : open.readTree(open.readSnapshot(id, codec), index, codec)) {
                if (e.type() == WorkloadItem.Type.FILE && e.chunks().stream()
                        .anyMatch(c -> index.find(BlobType.DATA, c).pack().equals(pack))) {
                    files.add(e.path());
                }
            }
        }
        return files;
    }

    @Test
    void treesAreInPacksOfTheirOwnAndDataPacksHoldOnlyData() throws Exception {
        List<String> treePacks = Fixture.files(repoDir, RepositoryLayout.TREE_PACKS);
        assertEquals(1, treePacks.size(), "one small tree, one tree pack: " + treePacks);
        try (Repository repo = fx.open(repoDir)) {
            for (String dataPack : Fixture.files(repoDir, RepositoryLayout.DATA_PACKS)) {
                String pack = dataPack.substring(dataPack.lastIndexOf('/') + 1);
                assertFalse(filesIn(repo, pack).isEmpty(), "data pack " + pack + " holds file content");
            }
        }
    }

    @Test
    void eachLostDataPackCostsExactlyTheFilesItHoldsAndVerifyAndRestoreNameThem() throws Exception {
        List<String> dataPacks = Fixture.files(repoDir, RepositoryLayout.DATA_PACKS);
        assertTrue(dataPacks.size() >= 5, "the files are spread over several packs: " + dataPacks);
        int round = 0;
        for (String dataPack : dataPacks) {
            String pack = dataPack.substring(dataPack.lastIndexOf('/') + 1);
            Set<String> lost;
            try (Repository repo = fx.open(repoDir)) {
                lost = filesIn(repo, pack);
            }
            Path aside = temp.resolve("aside");
            Files.move(repoDir.resolve(dataPack), aside);
            try (Repository repo = fx.open(repoDir)) {
                VerifyReport report = fx.engine.verify(repo, false, Progress.NONE);
                VerifyProblem missing = report.problems().stream().filter(p -> pack.equals(p.pack())).findFirst()
                        .orElseThrow(() -> new AssertionError(report.toString()));
                assertTrue(missing.message().contains("missing"), missing.describe());
                assertEquals(lost, new TreeSet<>(missing.affectedFiles().stream()
                        .map(VerifyProblem.AffectedFile::path).toList()), missing.describe());
                assertEquals(1, report.problems().size(), "only the lost pack is a problem: " + report);

                Path target = temp.resolve("restored-" + round++);
                RestoreResult r = fx.engine.restore(repo, "latest", target, List.of(), false, Progress.NONE);
                assertEquals(lost, new TreeSet<>(r.failed().stream().map(RestoreResult.Failure::path).toList()),
                        r.failed().toString());
                assertTrue(r.failed().stream().allMatch(f -> f.reason().contains(pack)), r.failed().toString());
                for (String file : List.of("file0.bin", "file1.bin", "file2.bin", "file3.bin", "file4.bin",
                        "file5.bin", "docs/notes.txt", "docs/empty.txt")) {
                    if (lost.contains(file)) {
                        assertFalse(Files.exists(target.resolve(file)), file + " is not written half");
                    } else {
                        assertEquals(-1, Fixture.mismatch(src.resolve(file), target.resolve(file)), file);
                    }
                }
            } finally {
                Files.move(aside, repoDir.resolve(dataPack));
            }
        }
    }
}
