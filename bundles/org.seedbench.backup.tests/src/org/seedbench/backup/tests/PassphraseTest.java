package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.support.store.FolderObjectStore;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.WrongPassphraseException;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;

/** The passphrase guards the repository and never shows. */
class PassphraseTest {
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    private static Map<String, String> state(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                files.put(dir.relativize(p).toString(), Files.isRegularFile(p)
                        ? Files.size(p) + "@" + Files.getLastModifiedTime(p) : "dir");
            }
        }
        return files;
    }

    @Test
    void aWrongPassphraseIsRefusedAndNothingIsWritten() throws Exception {
        Path src = temp.resolve("source");
        Files.createDirectories(src);
        Files.writeString(src.resolve("secret-plans.txt"), "plans");
        Path repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            fx.backup(repo, src);
        }
        Map<String, String> before = state(repoDir);
        WrongPassphraseException e = assertThrows(WrongPassphraseException.class,
                () -> fx.engine.open(new FolderObjectStore(repoDir), Secret.of("correct horse battery stapler")));
        assertEquals("wrong passphrase", e.getMessage());
        assertEquals(before, state(repoDir), "opening with a wrong passphrase writes nothing");

        try (Repository repo = fx.engine.open(new FolderObjectStore(repoDir), Fixture.passphrase())) {
            assertEquals(1, fx.engine.snapshots(repo).size());
            assertFalse(repo.toString().contains(Fixture.PASSPHRASE));
        }
    }

    @Test
    void aPassphraseShorterThanSixteenCharactersCreatesNothing() {
        Path repoDir = temp.resolve("repo");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fx.engine.init(new FolderObjectStore(repoDir), Secret.of("fifteen chars!!"), Fixture.SMALL));
        assertEquals("passphrase", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("at least 16 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("fifteen"), "the passphrase is not echoed");
        assertFalse(Files.exists(repoDir), "nothing is written");
    }

    @Test
    void thePassphraseAndTheKeysAppearNowhereInTheRepository() throws Exception {
        Path repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            assertEquals(64, repo.id().length());
        }
        byte[] pass = Fixture.PASSPHRASE.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> all = Files.walk(repoDir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(new String(pass, StandardCharsets.ISO_8859_1)), p + " holds it");
            }
        }
        String keyFile = Files.readString(Fixture.files(repoDir, "keys").stream().map(repoDir::resolve).findFirst()
                .orElseThrow());
        assertTrue(keyFile.contains("\"scrypt\"") && keyFile.contains("\"logN\" : 15"), keyFile);
    }

    @Test
    void aRepositoryIsNotCreatedTwiceNorOpenedWhereThereIsNone() throws Exception {
        Path repoDir = temp.resolve("repo");
        fx.init(repoDir, Fixture.SMALL).close();
        RepositoryException twice = assertThrows(RepositoryException.class,
                () -> fx.engine.init(new FolderObjectStore(repoDir), Fixture.passphrase()));
        assertTrue(twice.getMessage().contains("already exists"), twice.getMessage());
        RepositoryException none = assertThrows(RepositoryException.class,
                () -> fx.engine.open(new FolderObjectStore(temp.resolve("elsewhere")), Fixture.passphrase()));
        assertTrue(none.getMessage().contains("holds no Seedbench repository"), none.getMessage());
    }
}
