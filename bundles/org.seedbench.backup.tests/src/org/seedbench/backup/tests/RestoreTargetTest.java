package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RestoreResult;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;

/**
 * What a restore is given is checked before anything is written (a snapshot that is not there, a pattern that is
 * not a glob, a target inside a repository), and a restore killed half way leaves nothing behind once run again.
 */
class RestoreTargetTest {
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    private Path src;
    private Path repoDir;

    @BeforeEach
    void backUp() throws IOException {
        src = temp.resolve("source");
        Files.createDirectories(src.resolve("docs/deep"));
        Files.write(src.resolve("a.bin"), Fixture.random(1, 70_000));
        Files.write(src.resolve("docs/deep/b.txt"), Fixture.text(2, 30_000));
        repoDir = temp.resolve("stage/job-1");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            fx.backup(repo, src);
        }
    }

    private static List<Path> everything(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.sorted().toList();
        }
    }

    private InvalidInputException refused(String snapshot, Path target, List<String> globs) throws Exception {
        List<Path> before = everything(temp);
        try (Repository repo = fx.open(repoDir)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> fx.engine.restore(repo, snapshot, target, globs, false, Progress.NONE));
            assertEquals(1, e.problems().size());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertEquals(before, everything(temp), "nothing is written");
            return e;
        }
    }

    @Test
    void aTargetInsideTheRepositoryOrAnyOtherIsRefused() throws Exception {
        InvalidInputException e = refused("latest", repoDir.resolve("restored"), List.of());
        assertTrue(e.getMessage().contains("target") && e.getMessage().contains(repoDir.toString()), e.getMessage());

        Path other = temp.resolve("elsewhere/other-repo");
        fx.init(other, Fixture.SMALL).close();
        e = refused("latest", other.resolve("x/y"), List.of());
        assertTrue(e.getMessage().contains(other.toString()), e.getMessage());

        Path link = temp.resolve("link-into-repo");
        Files.createSymbolicLink(link, repoDir);
        e = refused("latest", link.resolve("restored"), List.of());
        assertTrue(e.getMessage().contains(repoDir.toString()), e.getMessage());
    }

    @Test
    void aSnapshotThatIsNotThereOrAPatternThatIsNoGlobIsBadInput() throws Exception {
        Path target = temp.resolve("restored");
        InvalidInputException e = refused("deadbeef", target, List.of());
        assertTrue(e.getMessage().startsWith("snapshot 'deadbeef'"), e.getMessage());
        e = refused("zz", target, List.of());
        assertTrue(e.getMessage().startsWith("snapshot 'zz'"), e.getMessage());
        e = refused("latest", target, List.of("docs/**", "[unclosed"));
        assertTrue(e.getMessage().startsWith("include '[unclosed'"), e.getMessage());
    }

    @Test
    void aRestoreRunAgainAfterAKillLeavesNoTemporaryFile() throws Exception {
        Path target = temp.resolve("restored");
        Files.createDirectories(target.resolve("docs/deep"));
        // what a restore killed while writing leaves: a temporary file beside the file it was writing
        Files.write(target.resolve(".seedbench-restore-0123456789abcdef"), Fixture.random(3, 5000));
        Files.write(target.resolve("docs/deep/.seedbench-restore-fedcba9876543210"), Fixture.random(4, 5000));
        try (Repository repo = fx.open(repoDir)) {
            RestoreResult r = fx.engine.restore(repo, "latest", target, List.of(), false, Progress.NONE);
            assertTrue(r.isComplete(), r::toString);
        }
        Fixture.assertSameTree(src, target);
        try (Stream<Path> all = Files.walk(target)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".seedbench-restore-"))
                    .toList());
        }
    }
}
