package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.ui.secrets.PgPass;

/**
 * The shared catalog's password goes where PostgreSQL's clients read it: the pgpass file, one line a server, database
 * and user, readable by its owner only; a URL that carries a password is recognised (the preferences refuse it).
 */
class PgPassTest {
    @TempDir
    Path tmp;

    @Test
    void thePasswordGoesIntoThePgpassFileReadableByItsOwnerOnlyReplacingTheLineOfTheSameServerDatabaseAndUser()
            throws Exception {
        Path file = tmp.resolve("pgpass");
        Files.write(file, List.of("other.example.com:5432:*:bob:b0b"));
        PgPass pgpass = PgPass.of(Map.of("PGPASSFILE", file.toString()), "/nonexistent", false);
        assertEquals(file, pgpass.file());
        pgpass.keep("jdbc:postgresql://db.example.com:6543/seedbench?user=alice&sslmode=verify-full", "admin",
                "old:secret".toCharArray());
        pgpass.keep("jdbc:postgresql://db.example.com:6543/seedbench?user=alice&sslmode=verify-full", "admin",
                "new:secret".toCharArray());
        pgpass.keep("jdbc:postgresql://db.example.com/seedbench", "admin", "s3cret".toCharArray());
        assertEquals(List.of("other.example.com:5432:*:bob:b0b", "db.example.com:6543:seedbench:alice:new\\:secret",
                "db.example.com:5432:seedbench:admin:s3cret"), Files.readAllLines(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Path.of("/home/alice/.pgpass"), PgPass.of(Map.of(), "/home/alice", false).file());
    }

    @Test
    void aUrlWithAPasswordInItIsRecognised() {
        assertTrue(PgPass.holdsPassword("jdbc:postgresql://db/seedbench?user=a&password=hunter2"));
        assertTrue(PgPass.holdsPassword("jdbc:postgresql://a:hunter2@db/seedbench"));
        assertFalse(PgPass.holdsPassword("jdbc:postgresql://db:5432/seedbench?user=a&sslmode=verify-full"));
        assertFalse(PgPass.holdsPassword("jdbc:h2:file:/srv/seedbench/catalog"));
    }
}
