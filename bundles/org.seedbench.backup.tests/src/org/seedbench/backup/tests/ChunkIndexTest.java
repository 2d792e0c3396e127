package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.pack.PackEntry;

/**
 * The chunk index keeps only a bounded number of blobs in memory: the rest are in sorted tables in local
 * temporary files, spilled and merged as blobs are added; lookups, claims and "first location wins" behave the
 * same whichever part holds a blob.
 */
class ChunkIndexTest {
    @TempDir
    Path temp;

    private final Random random = new Random(7);

    private BlobId id() {
        byte[] b = new byte[BlobId.LENGTH];
        random.nextBytes(b);
        return BlobId.of(b);
    }

    private String pack() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void blobsSpilledToTablesAndMergedAreFoundWhereTheyWereStored() throws Exception {
        List<BlobId> ids = new ArrayList<>();
        List<String> packs = new ArrayList<>();
        try (ChunkIndex index = new ChunkIndex(temp, 16)) {
            for (int p = 0; p < 100; p++) {
                String pack = pack();
                packs.add(pack);
                List<PackEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    BlobId id = id();
                    ids.add(id);
                    entries.add(new PackEntry(i % 3 == 0 ? BlobType.TREE : BlobType.DATA, id, 8 + i * 100L, 100 + i,
                            1000 + p));
                }
                index.addPack(pack, entries);
            }
            assertEquals(1000, index.size());
            for (int n = 0; n < ids.size(); n++) {
                int p = n / 10;
                int i = n % 10;
                BlobType type = i % 3 == 0 ? BlobType.TREE : BlobType.DATA;
                ChunkIndex.Location at = index.find(type, ids.get(n));
                assertNotNull(at, "blob " + n);
                assertEquals(new ChunkIndex.Location(packs.get(p), type, 8 + i * 100L, 100 + i, 1000 + p), at);
                assertNull(index.find(type == BlobType.TREE ? BlobType.DATA : BlobType.TREE, ids.get(n)),
                        "a blob is identified by type and id");
                assertTrue(index.contains(type, ids.get(n)));
                assertFalse(index.claim(type, ids.get(n)), "a stored blob is not claimed again");
                assertTrue(index.hasPack(packs.get(p)));
            }
            BlobId unknown = id();
            assertFalse(index.contains(BlobType.DATA, unknown));
            assertNull(index.find(BlobType.DATA, unknown));
            assertFalse(index.hasPack(pack()));

            String later = pack();
            index.add(later, new PackEntry(BlobType.DATA, ids.get(1), 9999, 1, 1));
            assertEquals(packs.get(0), index.find(BlobType.DATA, ids.get(1)).pack(),
                    "a blob spilled to a table keeps its first location");
            assertEquals(1000, index.size());
        }
    }

    @Test
    void claimedBlobsStayClaimedAcrossSpillsUntilTheyAreStored() throws Exception {
        try (ChunkIndex index = new ChunkIndex(temp, 4)) {
            BlobId claimed = id();
            assertTrue(index.claim(BlobType.DATA, claimed));
            assertFalse(index.claim(BlobType.DATA, claimed), "claimed once only");
            String pack = pack();
            for (int i = 0; i < 100; i++) {
                index.add(pack, new PackEntry(BlobType.DATA, id(), i * 10L, 10, 10));
            }
            assertTrue(index.contains(BlobType.DATA, claimed), "still claimed after 25 spills");
            assertNull(index.find(BlobType.DATA, claimed), "a claimed blob has no location yet");
            assertFalse(index.claim(BlobType.DATA, claimed));
            index.add(pack, new PackEntry(BlobType.DATA, claimed, 5000, 7, 70));
            assertEquals(5000, index.find(BlobType.DATA, claimed).offset());
            assertEquals(101, index.size());
        }
    }

    @Test
    void twoThreadsNeverClaimTheSameBlob() throws Exception {
        List<BlobId> ids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ids.add(id());
        }
        try (ChunkIndex index = new ChunkIndex(temp, 32)) {
            ConcurrentHashMap<BlobId, Integer> winners = new ConcurrentHashMap<>();
            AtomicInteger wins = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            String pack = pack();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (BlobId id : ids) {
                        if (index.claim(BlobType.DATA, id)) {
                            wins.incrementAndGet();
                            winners.merge(id, 1, Integer::sum);
                            index.add(pack, new PackEntry(BlobType.DATA, id, thread, 1, 1));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals(ids.size(), wins.get(), "each blob is claimed by exactly one thread");
            assertTrue(winners.values().stream().allMatch(n -> n == 1));
            assertEquals(ids.size(), index.size());
        }
    }

    @Test
    void aBulkLoadPrefersPresentPacksAndCanLeaveMissingOnesOut() throws Exception {
        BlobId shared = id();
        BlobId onlyLost = id();
        BlobId plain = id();
        String lost = pack();
        String present = pack();
        for (boolean leaveOut : new boolean[] { false, true }) {
            ChunkIndex.Loader loader = ChunkIndex.loader(temp, 2);
            loader.addPack(lost, List.of(new PackEntry(BlobType.DATA, shared, 1, 1, 1),
                    new PackEntry(BlobType.DATA, onlyLost, 2, 1, 1)), true);
            loader.addPack(present, List.of(new PackEntry(BlobType.DATA, plain, 3, 1, 1),
                    new PackEntry(BlobType.DATA, shared, 4, 1, 1), new PackEntry(BlobType.DATA, plain, 3, 1, 1)),
                    false);
            assertTrue(loader.hasPack(lost) && loader.hasPack(present));
            try (ChunkIndex index = loader.finish(leaveOut)) {
                assertEquals(present, index.find(BlobType.DATA, shared).pack(),
                        "a blob also in a present pack is located there");
                assertEquals(present, index.find(BlobType.DATA, plain).pack());
                if (leaveOut) {
                    assertNull(index.find(BlobType.DATA, onlyLost), "blobs only a lost pack holds are left out");
                    assertEquals(2, index.size());
                } else {
                    assertEquals(lost, index.find(BlobType.DATA, onlyLost).pack());
                    assertEquals(3, index.size(), "each blob once");
                }
            }
        }
    }

    @Test
    void idsAlikeInTheirFirstBytesAreFoundToo() throws Exception {
        ChunkIndex.Loader loader = ChunkIndex.loader(temp, 300);
        String pack = pack();
        List<BlobId> ids = new ArrayList<>();
        List<PackEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[BlobId.LENGTH];
            random.nextBytes(b);
            java.util.Arrays.fill(b, 0, i % 2 == 0 ? 8 : 6, (byte) 0x5a);
            ids.add(BlobId.of(b));
            entries.add(new PackEntry(BlobType.DATA, ids.get(i), i, 1, 1));
        }
        loader.addPack(pack, entries, false);
        try (ChunkIndex index = loader.finish(true)) {
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(i, index.find(BlobType.DATA, ids.get(i)).offset(), "blob " + i);
            }
            byte[] b = new byte[BlobId.LENGTH];
            java.util.Arrays.fill(b, 0, 8, (byte) 0x5a);
            assertNull(index.find(BlobType.DATA, BlobId.of(b)));
            assertEquals(3000, index.size());
        }
    }

    /** The tables' files are unlinked as soon as they are open: a killed backup leaves none behind. */
    @Test
    void theTablesLeaveNoFileBehind() throws Exception {
        Path folder = temp.resolve("tables");
        try (ChunkIndex index = new ChunkIndex(folder, 4)) {
            String pack = pack();
            BlobId first = id();
            index.add(pack, new PackEntry(BlobType.DATA, first, 0, 1, 1));
            for (int i = 1; i < 40; i++) {
                index.add(pack, new PackEntry(BlobType.DATA, id(), i, 1, 1));
            }
            assertEquals(0, tableFiles(folder), "no table file is visible in " + folder + " while the index is open");
            assertEquals(0, index.find(BlobType.DATA, first).offset(), "yet the spilled blobs are found");
        }
        assertEquals(0, tableFiles(folder));
    }

    private static long tableFiles(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
