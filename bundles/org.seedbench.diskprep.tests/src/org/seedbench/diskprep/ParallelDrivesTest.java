package org.seedbench.diskprep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DiskEncryptor.WrongKeyException;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;

/**
 * Drives are formatted and unlocked at once, through the real portable encryptor: each drive's step waits until
 * the other drive's step has started too, which only happens when both run at the same time.
 */
class ParallelDrivesTest {
    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 5000)
    DiskEncryptor portable;

    @TempDir
    Path temp;

    private List<DriveTarget> targets(int count) throws IOException {
        List<DriveTarget> targets = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path folder = Files.createDirectories(temp.resolve("d" + i));
            targets.add(new DriveTarget("SB-000" + i, folder.toString(), folder, 64L << 20));
        }
        return targets;
    }

    /** Waits, inside one drive's step, until the steps of all drives have started. */
    private static void allStarted(CountDownLatch started) throws IOException {
        started.countDown();
        try {
            // a guard against a hang, not a timing: sequential steps never get here with the count at zero
            if (!started.await(2, TimeUnit.MINUTES)) {
                throw new IOException("the other drives' steps did not start while this one ran");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Progress.CanceledException();
        }
    }

    @Test
    void twoDrivesAreFormattedAndUnlockedAtTheSameTime() throws Exception {
        List<DriveTarget> targets = targets(2);
        CountDownLatch formatting = new CountDownLatch(2);
        List<String> worked = new ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void worked(long units) {
                worked.add("drive done");
            }
        };
        List<KeyProtector> keys = ParallelDrives.run("format", targets, progress, (d, p) -> {
            allStarted(formatting);
            return portable.prepare(d, "seed-fs01", p);
        }, k -> { });
        assertEquals(2, keys.size());
        assertEquals(List.of("drive done", "drive done"), worked, "the bar moves by whole drives");

        CountDownLatch unlocking = new CountDownLatch(2);
        List<Volume> volumes = ParallelDrives.run("unlock", targets, Progress.NONE, (d, p) -> {
            allStarted(unlocking);
            try {
                return portable.unlock(d, keys.get(targets.indexOf(d)));
            } catch (WrongKeyException e) {
                throw new IOException(e);
            }
        }, v -> { });
        try {
            for (int i = 0; i < 2; i++) {
                try (DiskEncryptor.DriveFile f = volumes.get(i).create("seed-fs01/config")) {
                    f.write(new byte[] {1, 2, 3});
                    f.finish();
                }
                assertTrue(Files.exists(targets.get(i).mountPoint().resolve("seed-fs01/config")),
                        "results in the drives' order");
            }
        } finally {
            for (Volume v : volumes) {
                v.close();
            }
        }
    }

    @Test
    void aWrongKeyFailsTheRunAndTheDrivesThatOpenedAreClosedAgain() throws Exception {
        List<DriveTarget> targets = targets(3);
        List<KeyProtector> keys = new ArrayList<>();
        for (DriveTarget t : targets) {
            keys.add(portable.prepare(t, "seed-fs01", Progress.NONE));
        }
        KeyProtector wrong = new KeyProtector(keys.get(1).id(), Secret.of(new String(keys.get(0).recoveryPassword().reveal())));
        List<Volume> discarded = new ArrayList<>();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParallelDrives.run("unlock",
                targets, Progress.NONE, (d, p) -> {
                    int i = targets.indexOf(d);
                    try {
                        return portable.unlock(d, i == 1 ? wrong : keys.get(i));
                    } catch (WrongKeyException x) {
                        throw new InvalidInputException(new Problem("drive", d.serial(), "does not open", "its key"));
                    }
                }, v -> {
                    synchronized (discarded) {
                        discarded.add(v);
                    }
                }));
        assertTrue(e.getMessage().contains("SB-0002"), e.getMessage());
        assertEquals(2, discarded.size(), "both drives that opened are handed back to be closed");
        for (Volume v : discarded) {
            v.close();
        }
    }
}
