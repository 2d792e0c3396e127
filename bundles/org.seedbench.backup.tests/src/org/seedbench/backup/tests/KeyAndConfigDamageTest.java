package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.core.support.store.FolderObjectStore;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.VerifyProblem;
import org.seedbench.backup.VerifyReport;
import org.seedbench.backup.WrongPassphraseException;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.Progress;

/**
 * A flipped byte in the key file or the config file is damage, named as such with the file, never taken for a
 * wrong passphrase nor passed over as clean.
 */
class KeyAndConfigDamageTest {
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    private Path repoDir;
    private Path keyFile;
    private Path config;

    @BeforeEach
    void backUp() throws Exception {
        Path src = temp.resolve("source");
        Files.createDirectories(src);
        Files.write(src.resolve("a.bin"), Fixture.random(1, 50_000));
        repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            fx.backup(repo, src);
            assertTrue(fx.engine.verify(repo, false, Progress.NONE).isClean());
        }
        List<String> keys = Fixture.files(repoDir, "keys");
        assertEquals(1, keys.size());
        keyFile = repoDir.resolve(keys.get(0));
        config = repoDir.resolve("config");
    }

    /** Flips the lowest bit of the byte right after the text {@code after}. */
    private static void flip(Path file, String after) throws Exception {
        byte[] b = Files.readAllBytes(file);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(after) + after.length();
        assertTrue(at >= after.length() && at < b.length, after + " in " + text);
        b[at] ^= 0x01;
        Files.write(file, b);
    }

    private RepositoryException openFails() {
        return assertThrows(RepositoryException.class,
                () -> fx.engine.open(new FolderObjectStore(repoDir), Fixture.passphrase()).close());
    }

    @ParameterizedTest(name = "a flipped byte after {0}")
    @ValueSource(strings = { "\"created\" : \"20", "\"version\" : ", "\"keys\" : \"", "\"nonce\" : \"",
            "\"salt\" : \"" })
    void aDamagedKeyFileIsNamedNotTakenForAWrongPassphrase(String after) throws Exception {
        flip(keyFile, after);
        RepositoryException e = openFails();
        assertTrue(e.getMessage().contains(keyFile.toString()) && e.getMessage().contains("damaged"), e.getMessage());
    }

    @ParameterizedTest(name = "a flipped byte after {0}")
    @ValueSource(strings = { "\"id\" : \"", "\"packSize\" : 2", "\"level\" : ", "\"format\" : \"seed" })
    void aDamagedConfigIsNamed(String after) throws Exception {
        flip(config, after);
        RepositoryException e = openFails();
        assertTrue(e.getMessage().contains(config.toString()) && e.getMessage().contains("config file"),
                e.getMessage());
    }

    @Test
    void aConfigThatIsNoLongerJsonIsNamed() throws Exception {
        byte[] b = Files.readAllBytes(config);
        b[0] = 'x';
        Files.write(config, b);
        RepositoryException e = openFails();
        assertTrue(e.getMessage().contains(config.toString()) && e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aWrongPassphraseIsStillAWrongPassphrase() {
        assertThrows(WrongPassphraseException.class, () -> fx.engine.open(new FolderObjectStore(repoDir),
                Secret.of("not the passphrase at all, sorry")).close());
    }

    @Test
    void verifyNamesADamagedSecondKeyFile() throws Exception {
        Path second = repoDir.resolve("keys").resolve("0".repeat(64));
        Files.copy(keyFile, second);
        try (Repository repo = fx.engine.open(new FolderObjectStore(repoDir), Fixture.passphrase())) {
            VerifyReport report = fx.engine.verify(repo, false, Progress.NONE);
            assertTrue(report.hasErrors(), report::toString);
            assertTrue(report.problems(VerifyProblem.Severity.ERROR).stream()
                    .anyMatch(p -> p.message().contains(second.toString()) && p.message().contains("damaged")),
                    report::toString);
        }
    }
}
