package org.seedbench.diskprep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.RecoveryPasswords;
import org.seedbench.core.spi.KeyProtector;

/**
 * The copy computer's files for a 10 TB drive of small (16 MiB) packs stay under 2 MB: a synthetic
 * allocation, journaled block by block without any data.
 */
class JournalSizeTest {
    private static final long TEN_TB = 10_000_000_000_000L;
    private static final int PACK = 16 << 20;

    @TempDir
    Path temp;

    @Test
    void aTenTerabyteDriveOfSmallPacksKeepsItsJournalAndDriveInfoUnderTwoMegabytes() throws Exception {
        int packs = (int) (TEN_TB / PACK);
        List<SeedFile> files = new ArrayList<>(packs);
        for (int i = 0; i < packs; i++) {
            String id = String.format("%064x", i);
            files.add(new SeedFile("packs/" + id.substring(0, 2) + "/" + id, PACK, false));
        }
        SeedListing listing = new SeedListing(new MemoryStore(), List.of(), files, "f".repeat(64));
        BitSet all = new BitSet();
        all.set(0, packs);
        Path journalFile = DriveJournal.path(temp, "WD-WX12345678");
        byte[] md5 = new byte[16];
        long maxSize = 0;
        try (DriveJournal j = DriveJournal.open(journalFile, false)) {
            j.create("seed-fs01", "WD-WX12345678", listing, all);
            j.startRun(Instant.now());
            long part = 0;
            for (int f = 0; f < packs; f++) {
                j.blocks(f, 0, List.of(md5, md5));
                j.blocks(f, 2, List.of(md5, md5));
                part += 700;
                j.done(f, part);
                if ((f & 1023) == 0) {
                    maxSize = Math.max(maxSize, Files.size(journalFile));
                }
            }
            j.complete("0123456789ABCDEF0123456789ABCDEF", part + 200);
        }
        maxSize = Math.max(maxSize, Files.size(journalFile));
        assertTrue(maxSize < 2_000_000, "the journal reached " + maxSize + " bytes");
        try (DriveJournal j = DriveJournal.open(journalFile, false)) {
            assertEquals(packs, j.doneFiles());
            assertEquals(4L * packs, j.blocksCopied());
            assertTrue(j.isComplete());
            assertEquals(packs, j.assigned().cardinality());
        }

        Path info = DriveInfoFile.path(temp, "seed-fs01", "WD-WX12345678");
        DriveInfoFile.write(info, new DriveInfoFile.Info("seed-fs01", "WD-WX12345678", "portable",
                new KeyProtector("k1", RecoveryPasswords.generate(new java.security.SecureRandom())),
                "/drive-manifest.xml", "0123456789ABCDEF0123456789ABCDEF", 1L << 34));
        assertTrue(Files.size(info) < 2_000_000);
        DriveInfoFile.Info back = DriveInfoFile.read(info);
        assertEquals("WD-WX12345678", back.driveId());
        assertTrue(RecoveryPasswords.check(back.key().recoveryPassword().reveal()).isEmpty());
        Secret none = back.key().recoveryPassword();
        assertEquals("******", none.toString());
    }
}
