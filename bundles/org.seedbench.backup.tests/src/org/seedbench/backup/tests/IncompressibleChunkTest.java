package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryOptions;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.VerifyReport;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.CompressionGuess;
import org.seedbench.backup.internal.pack.PackEntry;
import org.seedbench.backup.internal.pack.PackFormat;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.core.spi.Progress;

/**
 * Chunks whose bytes look random are stored as they are, without a zstd attempt, and still restore identical;
 * text is compressed as before.
 */
class IncompressibleChunkTest {
    private static final int FLAG_ZSTD = 1;

    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    /** One stored data blob: its plaintext length, stored length and flags byte. */
    private record Stored(int rawLength, int length, int flags) {
    }

    /** Backs up a folder holding {@code content} as one file, checks that it verifies and restores identical. */
    private List<Stored> stage(String name, byte[] content) throws Exception {
        Path src = temp.resolve(name + "-source");
        Files.createDirectories(src);
        Files.write(src.resolve(name), content);
        Path repoDir = temp.resolve(name + "-repository");
        List<Stored> stored = new ArrayList<>();
        try (Repository repo = fx.init(repoDir, RepositoryOptions.defaults())) {
            BackupResult result = fx.backup(repo, src);
            assertFalse(result.completedWithWarnings(), result.warnings()::toString);
            VerifyReport report = fx.engine.verify(repo, true, Progress.NONE);
            assertTrue(report.isClean(), report::toString);
            RestoreResult restore = fx.engine.restore(repo, "latest", temp.resolve(name + "-restored"), List.of(),
                    false, Progress.NONE);
            assertTrue(restore.isComplete(), restore::toString);
            OpenRepository open = OpenRepository.of(repo);
            try (BlobCodec codec = open.newCodec()) {
                for (Map.Entry<String, String> pack : open.packObjects().entrySet()) {
                    byte[] bytes = Files.readAllBytes(repoDir.resolve(pack.getValue()));
                    for (PackEntry e : PackFormat.readTrailer(repo.storage(), codec, pack.getValue())) {
                        if (e.type() == BlobType.DATA) {
                            stored.add(new Stored(e.rawLength(), e.length(), bytes[(int) e.offset()] & 0xff));
                        }
                    }
                }
            }
        }
        Fixture.assertSameTree(src, temp.resolve(name + "-restored"));
        assertFalse(stored.isEmpty(), "the file's chunks are stored");
        return stored;
    }

    @Test
    void randomBytesAreStoredAsTheyAreAndRestoreIdentical() throws Exception {
        for (Stored s : stage("random.bin", Fixture.random(11, 5 * 1024 * 1024 + 3))) {
            assertEquals(0, s.flags(), "a random chunk is stored uncompressed");
            assertEquals(s.rawLength() + BlobCodec.OVERHEAD, s.length(), "flags, nonce and tag are all it adds");
        }
    }

    @Test
    void aChunkThatLooksRandomIsNotTriedWithZstd() throws Exception {
        // a random 64 KiB block repeated: every byte value equally often, so the sample reads as random, though
        // zstd would find the repeats; storing it raw is the price of never trying zstd on random chunks
        byte[] block = Fixture.random(12, 64 * 1024);
        byte[] repeated = new byte[3 * 1024 * 1024];
        for (int off = 0; off < repeated.length; off += block.length) {
            System.arraycopy(block, 0, repeated, off, block.length);
        }
        assertTrue(CompressionGuess.looksRandom(repeated, 0, repeated.length));
        int large = 0;
        for (Stored s : stage("repeated.bin", repeated)) {
            if (s.rawLength() >= 64 * 1024) {
                large++;
                assertEquals(0, s.flags(), "a chunk of " + s.rawLength() + " bytes was not compressed");
                assertEquals(s.rawLength() + BlobCodec.OVERHEAD, s.length());
            }
        }
        assertTrue(large > 0, "the file has chunks of at least 64 KiB");
    }

    @Test
    void textIsStillCompressed() throws Exception {
        for (Stored s : stage("text.txt", Fixture.text(13, 3 * 1024 * 1024))) {
            assertEquals(FLAG_ZSTD, s.flags(), "a text chunk is compressed");
            assertTrue(s.length() < s.rawLength() / 2, s.length() + " of " + s.rawLength() + " bytes stored");
        }
    }

    @Test
    void theGuessCallsRandomOnlyLargeBlocksOfNearlyUniformBytes() {
        byte[] random = Fixture.random(14, 1024 * 1024);
        assertTrue(CompressionGuess.looksRandom(random, 0, random.length));
        assertTrue(CompressionGuess.looksRandom(random, 1000, 200_000), "any slice of it");
        assertFalse(CompressionGuess.looksRandom(random, 0, 32 * 1024), "a short blob is always tried");
        byte[] text = Fixture.text(15, 1024 * 1024);
        assertFalse(CompressionGuess.looksRandom(text, 0, text.length));
        assertFalse(CompressionGuess.looksRandom(new byte[1024 * 1024], 0, 1024 * 1024), "zeros");
        byte[] halfZero = random.clone();
        java.util.Arrays.fill(halfZero, 0, halfZero.length / 2, (byte) 0);
        assertFalse(CompressionGuess.looksRandom(halfZero, 0, halfZero.length), "half zeros");
        byte[] sevenBits = random.clone();
        for (int i = 0; i < sevenBits.length; i++) {
            sevenBits[i] &= 0x7f;
        }
        assertFalse(CompressionGuess.looksRandom(sevenBits, 0, sevenBits.length), "7 bits a byte");
    }
}
