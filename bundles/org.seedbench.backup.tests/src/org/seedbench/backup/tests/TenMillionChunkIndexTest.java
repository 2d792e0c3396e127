package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.index.IndexFile;
import org.seedbench.backup.internal.pack.PackEntry;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.core.spi.Progress;

/**
 * A repository of 10 million chunks (10 TB at the default 1 MiB average; synthetic: index files with random ids
 * and made-up packs of 64 chunks, as 64 MiB packs hold) is backed up into and restored from under the product's
 * default heap ({@code -Xmx320m}, this bundle's test JVM): the index no longer has to fit in memory.
 */
class TenMillionChunkIndexTest {
    private static final int MIB = 1024 * 1024;
    private static final int CHUNKS = 10_000_000;
    private static final int PER_PACK = 64;
    private static final int PACKS_PER_INDEX_FILE = 256;

    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    @Test
    void aBackupIntoARepositoryOfTenMillionChunksFindsNewAndKnownChunks() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= 336L * MIB, "the test JVM has the product's default heap (-Xmx320m): " + maxHeap);
        Path src = temp.resolve("source");
        Files.createDirectories(src);
        Files.write(src.resolve("first.bin"), Fixture.random(1, 3 * MIB));
        Files.write(src.resolve("notes.txt"), Fixture.text(2, MIB));
        Path repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            fx.backup(repo, src);
        }
        long started = System.nanoTime();
        BlobId probe = writeSyntheticIndex(repoDir);
        long written = System.nanoTime();
        resetPeaks();

        Files.write(src.resolve("second.bin"), Fixture.random(3, 2 * MIB));
        long liveWithIndex;
        try (Repository repo = fx.open(repoDir)) {
            BackupResult r = fx.backup(repo, src);
            assertEquals(2 * MIB, r.statistics().bytesNew(), "only the new file is stored; the others are known");
            assertEquals(6 * MIB, r.statistics().bytesRead());
            assertTrue(r.statistics().newChunks() > 0 && r.statistics().newChunks() < r.statistics().chunks(),
                    r.statistics().toString());

            RestoreResult restored = fx.engine.restore(repo, r.snapshots().get(0).id(), temp.resolve("restore"),
                    List.of(), false, Progress.NONE);
            assertTrue(restored.isComplete(), restored.toString());
            Fixture.assertSameTree(src, temp.resolve("restore"));

            OpenRepository open = OpenRepository.of(repo);
            try (BlobCodec codec = open.newCodec();
                    ChunkIndex index = open.loadIndex(codec, w -> {
                    }, () -> {
                    }).index()) {
                assertTrue(index.size() > CHUNKS, "the index holds every chunk: " + index.size());
                ChunkIndex.Location at = index.find(BlobType.DATA, probe);
                assertNotNull(at, "a chunk of the synthetic index files is found");
                assertEquals(8 + 13 * 1000L, at.offset());
                assertNull(index.find(BlobType.TREE, probe), "the same id as a tree is not known");
                System.gc();
                liveWithIndex = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
        }
        long done = System.nanoTime();
        System.out.printf("TenMillionChunkIndexTest: %d chunks written in %.1f s; backup, restore and a second load"
                + " in %.1f s; heap %d MiB at most, %d MiB in use after a full GC with the index open; peaks (garbage"
                + " included): %s%n", CHUNKS, (written - started) / 1e9, (done - written) / 1e9, maxHeap / MIB,
                liveWithIndex / MIB, peaks());
    }

    /**
     * Writes index files listing {@link #CHUNKS} chunks with random ids in made-up packs (empty files, so that
     * the storage lists them); returns the id of one of them.
     */
    private static BlobId writeSyntheticIndex(Path repoDir) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        HexFormat hex = HexFormat.of();
        BlobId probe = null;
        try (Repository repo = new Fixture().open(repoDir); BlobCodec codec = OpenRepository.of(repo).newCodec()) {
            Map<String, List<PackEntry>> file = new LinkedHashMap<>();
            byte[] id = new byte[BlobId.LENGTH];
            for (int chunk = 0; chunk < CHUNKS; chunk += PER_PACK) {
                byte[] raw = new byte[32];
                fill(random, raw);
                String pack = hex.formatHex(raw);
                Path packFile = repoDir.resolve("packs/" + pack.substring(0, 2) + "/" + pack);
                Files.createDirectories(packFile.getParent());
                Files.createFile(packFile);
                List<PackEntry> entries = new ArrayList<>(PER_PACK);
                for (int i = 0; i < PER_PACK; i++) {
                    fill(random, id);
                    BlobId blob = BlobId.of(id);
                    entries.add(new PackEntry(BlobType.DATA, blob, 8 + i * 1000L, 1000, MIB));
                    if (chunk == CHUNKS / 2 && i == 13) {
                        probe = blob;
                    }
                }
                file.put(pack, entries);
                if (file.size() == PACKS_PER_INDEX_FILE) {
                    IndexFile.write(repo.storage(), codec, file);
                    file.clear();
                }
            }
            if (!file.isEmpty()) {
                IndexFile.write(repo.storage(), codec, file);
            }
        }
        return probe;
    }

    private static void fill(SplittableRandom random, byte[] b) {
        for (int i = 0; i < b.length; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8; j++) {
                b[i + j] = (byte) (v >>> (8 * j));
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The peak use of each heap pool (the old generation's is what the run kept alive). */
    private static String peaks() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(p -> p.getName() + " " + p.getPeakUsage().getUsed() / MIB + " MiB")
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
