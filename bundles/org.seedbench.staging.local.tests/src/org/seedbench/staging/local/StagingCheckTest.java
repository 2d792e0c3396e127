package org.seedbench.staging.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.rules.Problem;

/** What the local provider's check refuses, and that a check leaves nothing behind. */
class StagingCheckTest {
    private static final long TOO_MUCH = Long.MAX_VALUE / 4;

    @TempDir
    Path temp;

    private final LocalStagingProvider provider = new LocalStagingProvider();

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.walk(temp)) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    private List<String> messages(String location, long required, List<Path> sources) {
        return provider.check(location, required, sources).stream().map(Problem::message).toList();
    }

    private static void symlink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "this file system or user cannot create symbolic links: " + e);
        }
    }

    private static void assumeUnreadableByUs(Path dir) {
        assumeFalse(Files.isWritable(dir), "runs as root (or with CAP_DAC_OVERRIDE), which writes every folder, "
                + "so no folder can be made read-only: skipped");
    }

    @Test
    void tooLittleRoomNamesBothFiguresInDecimalUnits() throws IOException {
        Path stage = Files.createDirectories(temp.resolve("stage"));
        List<String> messages = messages(stage.toString(), TOO_MUCH, List.of());
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).matches("staging location '" + stage + "': has [0-9.]+ [KMGTP]?B free, "
                + "the seed needs about 2306 PB \\(allowed: a location with at least 2306 PB free\\)"),
                messages.get(0));
    }

    @Test
    void aLocationReachedThroughALinkIntoASourceIsRefused() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Path link = temp.resolve("link-to-src");
        symlink(link, source);
        Files.createDirectories(source.resolve("existing"));

        for (Path location : List.of(link.resolve("existing"), link.resolve("not/yet/there"), link)) {
            List<Problem> problems = provider.check(location.toString(), 1, List.of(source));
            assertEquals(1, problems.size(), location.toString());
            assertEquals("lies inside the source folder '" + source + "', so the seed would back itself up",
                    problems.get(0).problem());
        }
        assertFalse(Files.exists(source.resolve("not")), "the check created nothing in the source");
    }

    @Test
    void aSourceNamedThroughALinkIsSeenThroughToo() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Path link = temp.resolve("link-to-src");
        symlink(link, source);
        assertFalse(provider.check(source.resolve("stage").toString(), 1, List.of(link)).isEmpty());
    }

    @Test
    void aSiblingWhoseNameStartsLikeTheSourceIsNotInsideIt() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Path stage = Files.createDirectories(temp.resolve("src-stage"));
        assertEquals(List.of(), provider.check(stage.toString(), 1, List.of(source)));
    }

    @Test
    void aFailedCheckOfAMissingLocationLeavesNothingBehind() throws IOException {
        List<String> before = listing();
        assertFalse(provider.check(temp.resolve("a/b/c").toString(), TOO_MUCH, List.of()).isEmpty());
        assertEquals(before, listing());
    }

    @Test
    void aPassingCheckOfAMissingLocationLeavesNothingEitherAndTheRepositoryFolderCreatesIt() throws IOException {
        List<String> before = listing();
        Path location = temp.resolve("a/b/stage");
        assertEquals(List.of(), provider.check(location.toString(), 1, List.of()));
        assertEquals(before, listing());
        assertEquals(location.resolve("seed-fs01").toString(), provider.open(location.toString(), "seed-fs01").location());
        assertTrue(Files.isDirectory(location.resolve("seed-fs01")));
    }

    @Test
    @DisplayName("a folder the user cannot write is refused, leaving nothing (skipped as root: root writes anywhere)")
    void aFolderTheUserCannotWriteIsRefused() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "not a POSIX system");
        Path stage = Files.createDirectories(temp.resolve("read-only"));
        Files.setPosixFilePermissions(stage, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeUnreadableByUs(stage);
            List<String> before = listing();
            assertEquals(List.of("staging location '" + stage + "': is not writable: permission denied "
                    + "(allowed: a folder the user running seedbench can write to)"),
                    messages(stage.toString(), 1, List.of()));
            assertEquals(List.of("staging location '" + stage.resolve("new/stage") + "': does not exist and cannot "
                    + "be created: permission denied in '" + stage + "' (allowed: an existing folder, or a path "
                    + "under a folder the user running seedbench can write to)"),
                    messages(stage.resolve("new/stage").toString(), 1, List.of()));
            assertEquals(before, listing());
        } finally {
            Files.setPosixFilePermissions(stage, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aFileInTheWayIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("stage.txt"), "not a folder");
        assertEquals(List.of("staging location '" + file + "': is a file, not a folder "
                + "(allowed: a folder, or a path to create one)"), messages(file.toString(), 1, List.of()));
        assertEquals(List.of("staging location '" + file.resolve("x") + "': '" + file + "' on its path is a file, "
                + "not a folder (allowed: a folder, or a path to create one)"),
                messages(file.resolve("x").toString(), 1, List.of()));
    }

    @Test
    void aMissingLocationIsRefused() {
        assertEquals(List.of("staging location: is missing (allowed: a local folder, a mounted share or a UNC path)"),
                messages(" ", 1, List.of()));
    }

    @Test
    void freeSpaceOfALocationNotYetCreatedIsThatOfItsDrive() throws IOException {
        assertTrue(provider.freeSpace(temp.resolve("later/stage").toString()) > 0);
        assertFalse(Files.exists(temp.resolve("later")));
    }

    @Test
    void aJobNameThatIsNotAFolderNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> provider.open(temp.toString(), "../escape"));
        assertThrows(IllegalArgumentException.class, () -> provider.open(temp.toString(), "a/b"));
    }
}
