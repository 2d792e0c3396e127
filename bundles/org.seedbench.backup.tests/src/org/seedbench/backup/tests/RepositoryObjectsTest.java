package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryObjects;
import org.seedbench.core.support.store.FolderObjectStore;

/**
 * What a tool copying a repository (drive preparation) reads through the engine's API: every object of the
 * repository with its size, metadata apart from data packs, and nothing else that lies in its folder.
 */
class RepositoryObjectsTest {
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    @Test
    void listsEveryObjectWithItsSizeMetadataApartAndNothingElse() throws Exception {
        Path src = Files.createDirectories(temp.resolve("source"));
        for (int i = 0; i < 4; i++) {
            Files.write(src.resolve("file" + i + ".bin"), Fixture.random(i, 200_000));
        }
        Path repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            fx.backup(repo, src);
        }
        Files.writeString(repoDir.resolve("NOTES.txt"), "an admin's notes");
        Files.createDirectories(repoDir.resolve("restored"));
        Files.writeString(repoDir.resolve("restored/secret.txt"), "restored plaintext");
        Files.writeString(repoDir.resolve("packs/.tmp-unfinished"), "a write in progress");

        RepositoryObjects objects = RepositoryObjects.list(new FolderObjectStore(repoDir));

        Set<String> tops = new TreeSet<>();
        objects.metadata().forEach(e -> tops.add(e.name().split("/")[0]));
        assertEquals(Set.of("config", "index", "keys", "snapshots", "treepacks"), tops);
        assertTrue(objects.metadata().stream().allMatch(RepositoryObjects.Entry::metadata));
        assertFalse(objects.dataPacks().isEmpty());
        assertTrue(objects.dataPacks().stream().allMatch(e -> e.name().startsWith("packs/") && !e.metadata()));

        List<String> expected = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repoDir)) {
            files.filter(Files::isRegularFile).map(p -> repoDir.relativize(p).toString())
                    .filter(n -> !n.equals("NOTES.txt") && !n.startsWith("restored/") && !n.contains("/.tmp-"))
                    .sorted().forEach(expected::add);
        }
        List<String> listed = new ArrayList<>();
        objects.metadata().forEach(e -> listed.add(e.name()));
        objects.dataPacks().forEach(e -> listed.add(e.name()));
        assertEquals(expected, listed.stream().sorted().toList());

        for (List<RepositoryObjects.Entry> group : List.of(objects.metadata(), objects.dataPacks())) {
            for (RepositoryObjects.Entry e : group) {
                byte[] onDisk = Files.readAllBytes(repoDir.resolve(e.name()));
                assertEquals(onDisk.length, e.size(), e.name());
                try (InputStream in = objects.open(e)) {
                    assertArrayEquals(onDisk, in.readAllBytes(), e.name());
                }
                assertEquals(!e.name().equals("config"), e.namedByHash(), e.name());
            }
        }
    }
}
