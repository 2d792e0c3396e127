package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.support.files.DurableFiles;

/** The one durable write: a file holds its old or its new content, never a part, and no temporary file stays. */
class DurableFilesTest {
    @TempDir
    Path temp;

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteReplacesTheFileWholeAndCreatesItsFolder() throws IOException {
        Path file = temp.resolve("a/b/settings.properties");
        DurableFiles.write(file, "old".getBytes(StandardCharsets.UTF_8), false);
        DurableFiles.write(file, "new content".getBytes(StandardCharsets.UTF_8), false);
        assertEquals("new content", Files.readString(file));
        assertEquals(List.of("settings.properties"), names(file.getParent()), "no temporary file stays");
    }

    @Test
    void aStreamThatEndsShortLeavesTheOldFileAndNothingElse() throws IOException {
        Path file = temp.resolve("blob");
        DurableFiles.write(file, new byte[] { 1, 2, 3 }, false);
        EOFException e = assertThrows(EOFException.class,
                () -> DurableFiles.write(file, new ByteArrayInputStream(new byte[10]), 11));
        assertTrue(e.getMessage().contains("ended after 10 of 11 bytes"), e.getMessage());
        assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(file));
        assertEquals(List.of("blob"), names(temp));
    }

    @Test
    void theStreamingVariantWritesWhatTheContentWritesAndAFailureLeavesTheOldFile() throws IOException {
        Path file = temp.resolve("journal");
        DurableFiles.write(file, false, out -> {
            for (int i = 0; i < 100_000; i++) {
                out.write(i);
            }
        });
        assertEquals(100_000, Files.size(file));
        assertThrows(IOException.class, () -> DurableFiles.write(file, false, out -> {
            out.write(new byte[5000]);
            throw new IOException("the writer failed");
        }));
        assertEquals(100_000, Files.size(file));
        assertEquals(List.of("journal"), names(temp));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX permissions")
    void aFileThatHoldsSecretsIsReadableByItsOwnerOnly() throws IOException {
        Path file = temp.resolve("keys.properties");
        DurableFiles.write(file, "k=v".getBytes(StandardCharsets.UTF_8), true);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aCopyReplacesTheTargetWithTheSourcesContent() throws IOException {
        Path source = temp.resolve("source");
        Files.writeString(source, "the content");
        Path target = temp.resolve("copies/target");
        DurableFiles.write(target, "older".getBytes(StandardCharsets.UTF_8), false);
        DurableFiles.copy(source, target);
        assertEquals("the content", Files.readString(target));
        assertEquals("the content", Files.readString(source));
        assertEquals(List.of("target"), names(target.getParent()));
    }

    @Test
    void aLockedTemporaryFileIsInUseUntilClosedThenAbandoned() throws IOException {
        Path temporary = temp.resolve(DurableFiles.tempName());
        assertTrue(temporary.getFileName().toString().startsWith(DurableFiles.TEMP_PREFIX));
        try (FileChannel channel = DurableFiles.createLocked(temporary)) {
            assertFalse(DurableFiles.abandoned(temporary), "its writer holds it");
        }
        assertTrue(DurableFiles.abandoned(temporary), "nobody holds it any more");
        Files.delete(temporary);
        assertFalse(DurableFiles.abandoned(temporary), "a file that is gone is not abandoned");
    }
}
