package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RestoreResult;
import org.seedbench.core.spi.Progress;

/** A file that cannot be read, or that changes while it is read, is a warning; the run goes on. */
class WarningsTest {
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    private Path src;

    @BeforeEach
    void source() throws IOException {
        src = temp.resolve("source");
        Files.createDirectories(src);
        Files.write(src.resolve("good.bin"), Fixture.random(1, 300_000));
        Files.write(src.resolve("locked.db"), Fixture.random(2, 300_000));
        Files.writeString(src.resolve("zzz.txt"), "after the trouble");
    }

    private RestoreResult restore(Repository repo) throws Exception {
        return fx.engine.restore(repo, "latest", temp.resolve("restored"), List.of(), false, Progress.NONE);
    }

    @Test
    void anUnreadableFileIsLeftOutWithAWarningAndTheRestIsBackedUp() throws Exception {
        FolderSourceForTests source = new FolderSourceForTests().onOpen((item, opening) -> {
            if (item.path().equals("locked.db")) {
                throw new AccessDeniedException(src.resolve(item.path()).toString(), null, "locked by another process");
            }
        });
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            BackupResult r = fx.backup(repo, source, src, Progress.NONE);
            assertTrue(r.completedWithWarnings());
            assertEquals(1, r.warnings().size(), r.warnings()::toString);
            assertTrue(r.warnings().get(0).startsWith("locked.db") && r.warnings().get(0).contains("locked"),
                    r.warnings().get(0));
            assertEquals(2, r.statistics().files());
            assertEquals(r.warnings(), fx.engine.snapshots(repo).get(0).warnings(), "the snapshot keeps them");
            assertTrue(restore(repo).isComplete());
        }
        assertTrue(Files.exists(temp.resolve("restored/good.bin")));
        assertEquals("after the trouble", Files.readString(temp.resolve("restored/zzz.txt")));
        assertFalse(Files.exists(temp.resolve("restored/locked.db")));
    }

    @Test
    void aFileThatChangedDuringTheFirstReadIsReadAgain() throws Exception {
        Path file = src.resolve("locked.db");
        FileTime listed = Files.getLastModifiedTime(file);
        FolderSourceForTests source = new FolderSourceForTests().onOpen((item, opening) -> {
            if (item.path().equals("locked.db")) {
                Files.setLastModifiedTime(file, opening == 1 ? FileTime.from(Instant.now().plusSeconds(60)) : listed);
            }
        });
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            BackupResult r = fx.backup(repo, source, src, Progress.NONE);
            assertFalse(r.completedWithWarnings(), r.warnings()::toString);
            assertEquals(3, r.statistics().files());
            assertTrue(restore(repo).isComplete());
        }
        assertEquals(-1, Fixture.mismatch(file, temp.resolve("restored/locked.db")));
    }

    @Test
    void aFileThatKeepsChangingIsLeftOutWithAWarning() throws IOException {
        Path file = src.resolve("locked.db");
        FolderSourceForTests source = new FolderSourceForTests().onOpen((item, opening) -> {
            if (item.path().equals("locked.db")) {
                Files.write(file, Fixture.random(100 + opening, 1000), java.nio.file.StandardOpenOption.APPEND);
            }
        });
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            BackupResult r = fx.backup(repo, source, src, Progress.NONE);
            assertTrue(r.completedWithWarnings());
            assertTrue(r.warnings().get(0).contains("locked.db") && r.warnings().get(0).contains("changed"),
                    r.warnings().get(0));
            assertEquals(2, r.statistics().files());
        }
    }
}
