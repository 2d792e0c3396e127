package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogException;
import org.seedbench.catalog.internal.CatalogDatabase;

/**
 * What a process pays to open an existing catalog: every verb opens it once, so the checks of the file and the
 * schema upgrade share one connection unless a backup has to be taken in between.
 */
class CatalogSessionsTest {
    private static final String ACTOR = "alice@copyhost (cli)";

    @TempDir
    Path data;

    @Test
    void anExistingCatalogWithTodaysBackupIsCheckedAndUpgradedInOneSession() throws Exception {
        try (Catalog catalog = SampleJobs.open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
        }
        new CatalogDatabase(data, Duration.ZERO).migrate(ACTOR);
        int backups = new CatalogDatabase(data, Duration.ZERO).backups().size();

        CatalogDatabase database = new CatalogDatabase(data, Duration.ZERO);
        assertEquals(CatalogDatabase.latestSchemaVersion(), database.migrate(ACTOR));

        assertEquals(1, database.sessionsOpened(), "connections opened to check and upgrade the catalog");
        assertEquals(backups, database.backups().size(), "no second backup on the same day");
    }

    @Test
    void aDueBackupIsStillTakenWhileTheCatalogIsClosedBetweenTheCheckAndTheUpgrade() throws Exception {
        try (Catalog catalog = SampleJobs.open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
        }
        assertEquals(0, new CatalogDatabase(data, Duration.ZERO).backups().size());

        CatalogDatabase database = new CatalogDatabase(data, Duration.ZERO);
        database.migrate(ACTOR);

        assertEquals(1, database.backups().size(), "the day's backup of the catalog file");
        assertEquals(2, database.sessionsOpened(), "one connection to check, one to upgrade after the backup");
    }

    @Test
    void aFileThatHoldsNoCatalogIsStillNamedDamagedInTheOneSession() throws Exception {
        try (Catalog catalog = SampleJobs.open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
        }
        new CatalogDatabase(data, Duration.ZERO).migrate(ACTOR);
        try (CatalogDatabase.Session session = new CatalogDatabase(data, Duration.ZERO).open()) {
            session.connection().createStatement().execute("DROP ALL OBJECTS");
            session.connection().commit();
        }

        CatalogException refused = assertThrows(CatalogException.class,
                () -> new CatalogDatabase(data, Duration.ZERO).migrate(ACTOR));

        assertTrue(refused.getMessage().contains("is damaged (it holds no Seedbench catalog)"), refused.getMessage());
        assertTrue(Files.isRegularFile(data.resolve("catalog.mv.db")));
    }

    @Test
    void aVerbOpensTheDatabaseOnceForAllItsOperationsAndLetsGoWhenItEnds() throws Exception {
        try (Catalog catalog = SampleJobs.open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
        }
        new CatalogDatabase(data, Duration.ZERO).migrate(ACTOR);

        CatalogDatabase database = new CatalogDatabase(data, Duration.ZERO);
        database.retain();
        database.migrate(ACTOR);
        for (int i = 0; i < 5; i++) {
            database.inTransaction(c -> c.createStatement().executeQuery("SELECT COUNT(*) FROM jobs").next());
        }
        assertTrue(Files.exists(data.resolve("catalog.owner")), "the verb still holds the catalog");
        database.release();

        assertEquals(1, database.sessionsOpened(), "connections opened for the checks, the upgrade and 5 operations");
        assertFalse(Files.exists(data.resolve("catalog.owner")), "the catalog is let go when the verb ends");
    }

    @Test
    void withoutAVerbEveryOperationOpensAndClosesTheDatabase() throws Exception {
        CatalogDatabase database = new CatalogDatabase(data, Duration.ZERO);
        database.migrate(ACTOR);
        database.inTransaction(c -> c.createStatement().executeQuery("SELECT COUNT(*) FROM jobs").next());

        assertEquals(2, database.sessionsOpened());
        assertFalse(Files.exists(data.resolve("catalog.owner")));
    }
}
