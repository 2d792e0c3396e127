package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;
import org.seedbench.diskprep.DriveCopier;
import org.seedbench.diskprep.DriveCopier.DriveSession;
import org.seedbench.diskprep.DriveInfoFile;
import org.seedbench.diskprep.SeedListing;

/** A staged seed and drives prepared with it, for tests whose simulated datacenter copies real drives. */
final class SeedOnDrives {
    private static final int MIB = 1 << 20;

    private SeedOnDrives() {
    }

    /** A staged repository's shape: config, a key, an index, a snapshot and packs named by their SHA-256. */
    static Path stage(Path folder) throws Exception {
        Random random = new Random(folder.getFileName().toString().hashCode());
        write(folder.resolve("config"), bytes(random, 300));
        write(folder.resolve("keys/0f1e2d3c4b5a69788796a5b4c3d2e1f0"), bytes(random, 400));
        for (String kind : List.of("index", "snapshots")) {
            byte[] data = bytes(random, 5_000);
            write(folder.resolve(kind + "/" + sha256(data)), data);
        }
        for (int length : new int[] { 4 * MIB, 5 * MIB + 3, 2 * MIB - 1, 3 * MIB }) {
            byte[] data = bytes(random, length);
            String id = sha256(data);
            write(folder.resolve("packs/" + id.substring(0, 2) + "/" + id), data);
        }
        return folder;
    }

    /**
     * Two folder drives (below {@code temp}) prepared with the portable encryptor and the seed copied onto them;
     * {@code targets} receives them by serial.
     */
    static List<DriveEntry> prepare(DiskEncryptor portable, Path temp, Path staged, String job, String container,
            Map<String, DriveTarget> targets) throws Exception {
        SeedListing listing = SeedListing.scan(staged);
        Path journals = temp.resolve("data/drives/" + job);
        List<DriveSession> sessions = new ArrayList<>();
        for (String serial : List.of("SB-1001", "SB-1002")) {
            Path folder = Files.createDirectories(temp.resolve("drives/" + job + "/" + serial));
            DriveTarget target = new DriveTarget(serial, folder.toString(), folder, 64L * MIB);
            KeyProtector key = portable.prepare(target, Progress.NONE);
            targets.put(serial, target);
            sessions.add(new DriveSession(serial, portable.unlock(target, key), folder.toString(), portable.id(), key));
        }
        try {
            DriveCopier.Result result = new DriveCopier(listing, job, container, journals, Clock.systemUTC())
                    .run(sessions, Progress.NONE);
            assertTrue(result.complete(), "the seed fits on the drives");
        } finally {
            for (DriveSession s : sessions) {
                s.volume().close();
            }
        }
        List<DriveEntry> drives = new ArrayList<>();
        for (String serial : targets.keySet()) {
            DriveInfoFile.Info info = DriveInfoFile.read(DriveInfoFile.path(journals, job, serial));
            drives.add(new DriveEntry(serial, info.key(), info.manifestFile(), info.manifestHash(), portable.id()));
        }
        return drives;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private static void write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
