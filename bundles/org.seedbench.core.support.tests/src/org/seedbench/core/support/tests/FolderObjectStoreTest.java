package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.files.DurableFiles;
import org.seedbench.core.support.store.FilteredObjectStore;
import org.seedbench.core.support.store.FolderObjectStore;

/**
 * The folder object store lists well-formed names only, never temporary files; a listing filter (the caller's,
 * given to the store or laid over any store) narrows that to the objects the caller owns.
 */
class FolderObjectStoreTest {
    @TempDir
    Path temp;

    private static boolean repositoryObject(String name) {
        return name.equals("config") || name.startsWith("packs/");
    }

    @Test
    void everyWellFormedObjectIsListedNeverATemporaryFile() throws IOException {
        ObjectStore store = new FolderObjectStore(temp.resolve("repo"));
        store.put("config", new byte[] { 1 });
        store.put("packs/ab/abcd", new byte[] { 2 });
        Files.writeString(temp.resolve("repo/notes.txt"), "an admin's notes");
        Files.writeString(temp.resolve("repo/packs/" + DurableFiles.tempName()), "unfinished");
        assertEquals(List.of("config", "notes.txt", "packs/ab/abcd"), store.list(""));
        assertEquals(List.of("packs/ab/abcd"), store.list("packs/"));
    }

    @Test
    void aListingFilterLeavesOutWhatElseLiesInTheFolder() throws IOException {
        ObjectStore folder = new FolderObjectStore(temp.resolve("repo"));
        folder.put("config", new byte[] { 1 });
        folder.put("packs/ab/abcd", new byte[] { 2, 3 });
        Files.writeString(temp.resolve("repo/notes.txt"), "an admin's notes");
        ObjectStore given = new FolderObjectStore(temp.resolve("repo"), FolderObjectStoreTest::repositoryObject);
        ObjectStore laid = FilteredObjectStore.of(folder, FolderObjectStoreTest::repositoryObject);
        for (ObjectStore s : List.of(given, laid)) {
            assertEquals(List.of("config", "packs/ab/abcd"), s.list(""));
            assertArrayEquals(new byte[] { 2, 3 }, s.get("packs/ab/abcd"));
            assertEquals(temp.resolve("repo").toString(), s.location());
        }
        laid.put("packs/cd/cdef", new byte[] { 4 });
        assertEquals(List.of("config", "packs/ab/abcd", "packs/cd/cdef"), given.list(""));
    }

    @Test
    void anObjectsLocalFileIsItsFileInTheFolderAlsoThroughAListingFilter() throws IOException {
        ObjectStore folder = new FolderObjectStore(temp.resolve("repo"));
        folder.put("packs/ab/abcd", new byte[] { 2, 3 });
        ObjectStore laid = FilteredObjectStore.of(folder, FolderObjectStoreTest::repositoryObject);
        Path file = temp.resolve("repo/packs/ab/abcd").toAbsolutePath().normalize();
        for (ObjectStore s : List.of(folder, laid)) {
            assertEquals(Optional.of(file), s.localFile("packs/ab/abcd"));
            assertArrayEquals(new byte[] { 2, 3 }, Files.readAllBytes(s.localFile("packs/ab/abcd").orElseThrow()));
        }
    }
}
