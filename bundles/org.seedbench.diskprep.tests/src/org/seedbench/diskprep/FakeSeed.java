package org.seedbench.diskprep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;

/** A staged repository's shape with random content (no real backup), and folder drives to copy it to. */
final class FakeSeed {
    static final int MIB = 1 << 20;

    private FakeSeed() {
    }

    /**
     * Metadata files, a tree pack and {@code packs} data packs of 1–9 MiB (one exactly 4 MiB, one 8 MiB + 1 byte),
     * each pack, index and snapshot named by its SHA-256 as in a real repository.
     */
    static SeedListing create(Path folder, int packs, long seed) throws IOException {
        Random random = new Random(seed);
        write(folder.resolve("config"), 300, random);
        write(folder.resolve("keys/0f1e2d3c4b5a69788796a5b4c3d2e1f0"), 400, random);
        writeNamed(folder.resolve("index"), false, 50_000, random);
        writeNamed(folder.resolve("snapshots"), false, 2_000, random);
        writeNamed(folder.resolve("treepacks"), true, 30_000, random);
        write(folder.resolve("packs/.tmp-unfinished"), 1_000, random);
        for (int i = 0; i < packs; i++) {
            int length = i == 0 ? 4 * MIB : i == 1 ? 8 * MIB + 1 : MIB + random.nextInt(8 * MIB);
            writeNamed(folder.resolve("packs"), true, length, random);
        }
        return SeedListing.scan(folder);
    }

    /** A file of random bytes named by their SHA-256, in {@code folder} or its two-digit subfolder. */
    static Path writeNamed(Path folder, boolean fanOut, int length, Random random) throws IOException {
        byte[] data = new byte[length];
        random.nextBytes(data);
        String id;
        try {
            id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path file = (fanOut ? folder.resolve(id.substring(0, 2)) : folder).resolve(id);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        return file;
    }

    private static void write(Path file, int length, Random random) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] data = new byte[length];
        random.nextBytes(data);
        Files.write(file, data);
    }

    /** A prepared, unlocked folder drive. */
    record TestDrive(DriveTarget target, KeyProtector key, String serial) {
        Volume unlock(DiskEncryptor encryptor) throws Exception {
            return encryptor.unlock(target, key);
        }
    }

    static TestDrive drive(DiskEncryptor encryptor, Path folder, String serial, long capacity) throws IOException {
        DriveTarget target = new DriveTarget(serial, folder.toString(), folder, capacity);
        Files.createDirectories(folder);
        return new TestDrive(target, encryptor.prepare(target, Progress.NONE), serial);
    }

    static List<String> journalLines(Path journalFolder, String serial) throws IOException {
        return Files.readAllLines(DriveJournal.path(journalFolder, serial));
    }
}
