package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.backup.RepositoryLayout;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.store.FolderObjectStore;

/** The folder store with the repository layout as its listing filter: atomic writes, and what an unfinished write leaves is never listed. */
class LocalStorageTest {
    @TempDir
    Path temp;

    private long temporaryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(temp)) {
            return all.filter(p -> p.getFileName().toString().startsWith(".tmp-")).count();
        }
    }

    @Test
    void objectsReadBackWholeAndInRanges() throws IOException {
        ObjectStore s = new FolderObjectStore(temp.resolve("repo"), RepositoryLayout::isObject);
        byte[] content = Fixture.random(1, 10_000);
        s.put("index/abc", content);
        assertArrayEquals(content, s.get("index/abc"));
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 100, 200), s.getRange("index/abc", 100, 100));
        assertEquals(10_000, s.size("index/abc"));
        assertTrue(s.exists("index/abc"));
        assertEquals(List.of("index/abc"), s.list("index/"));
        assertThrows(EOFException.class, () -> s.getRange("index/abc", 9_990, 20));
        s.delete("index/abc");
        assertFalse(s.exists("index/abc"));
        assertThrows(NoSuchFileException.class, () -> s.get("index/abc"));
        s.delete("index/abc");
    }

    @Test
    void aPendingObjectIsInvisibleUntilCommittedAndGoneWhenDiscarded() throws IOException {
        ObjectStore s = new FolderObjectStore(temp.resolve("repo"), RepositoryLayout::isObject);
        try (ObjectStore.PendingObject p = s.create("packs")) {
            p.output().write(Fixture.random(2, 5000));
            assertEquals(List.of(), s.list("packs/"));
            assertEquals(1, temporaryFiles());
            assertEquals(0, s.deleteAbandoned(), "a write in progress is not abandoned");
            p.commit("packs/ab/abcdef");
        }
        assertEquals(List.of("packs/ab/abcdef"), s.list("packs/"));
        assertEquals(5000, s.size("packs/ab/abcdef"));
        try (ObjectStore.PendingObject p = s.create("packs")) {
            p.output().write(new byte[100]);
        }
        assertEquals(0, temporaryFiles(), "a discarded write leaves nothing");
    }

    @Test
    void whatADeadWriterLeftIsIgnoredAndRemoved() throws IOException {
        ObjectStore s = new FolderObjectStore(temp.resolve("repo"), RepositoryLayout::isObject);
        s.put("snapshots/1234", new byte[] { 1 });
        Files.write(temp.resolve("repo/snapshots/.tmp-77"), new byte[] { 2 });
        Files.write(temp.resolve("repo/.tmp-88"), new byte[] { 3 });
        assertEquals(List.of("snapshots/1234"), s.list(""));
        assertEquals(2, s.deleteAbandoned());
        assertEquals(0, temporaryFiles());
        assertEquals(List.of("snapshots/1234"), s.list(""));
    }

    @Test
    void onlyTheRepositorysObjectsAreListedNeverWhatElseLiesInItsFolder() throws IOException {
        ObjectStore s = new FolderObjectStore(temp.resolve("repo"), RepositoryLayout::isObject);
        s.put("config", new byte[] { 1 });
        s.put("packs/ab/abcd", new byte[] { 2 });
        s.put("treepacks/cd/cdef", new byte[] { 3 });
        Files.createDirectories(temp.resolve("repo/restored/docs"));
        Files.write(temp.resolve("repo/restored/docs/plain.txt"), new byte[] { 4 });
        Files.write(temp.resolve("repo/notes.txt"), new byte[] { 5 });
        assertEquals(List.of("config", "packs/ab/abcd", "treepacks/cd/cdef"), s.list(""));
        assertEquals(List.of("treepacks/cd/cdef"), s.list("treepacks/"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../outside", "packs/../../x", "/etc/passwd", "packs//x", ".hidden", "a/.tmp-1", "" })
    void namesOutsideTheRepositoryOrOfItsOwnAreRefused(String name) {
        ObjectStore s = new FolderObjectStore(temp.resolve("repo"), RepositoryLayout::isObject);
        assertThrows(IllegalArgumentException.class, () -> s.put(name, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> s.get(name));
    }
}
