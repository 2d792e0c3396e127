package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogException;
import org.seedbench.catalog.internal.CatalogDatabase;
import org.seedbench.core.model.SeedingJob;

class CatalogSchemaTest {
    @TempDir
    Path data;

    @Test
    void aNewCatalogIsAtTheLatestSchemaVersion() {
        try (Catalog catalog = SampleJobs.open(data)) {
            assertTrue(CatalogDatabase.latestSchemaVersion() >= 1);
            assertEquals(CatalogDatabase.latestSchemaVersion(), catalog.schemaVersion());
        }
        assertTrue(Files.isRegularFile(data.resolve("catalog.mv.db")));
    }

    @Test
    void reopeningAppliesNothingTwiceAndKeepsTheData() throws Exception {
        SeedingJob created;
        try (Catalog catalog = SampleJobs.open(data)) {
            created = catalog.createJob(SampleJobs.job("seed-fs01"));
        }
        List<Integer> applied = appliedVersions();

        for (int i = 0; i < 2; i++) {
            try (Catalog catalog = SampleJobs.open(data)) {
                assertEquals(CatalogDatabase.latestSchemaVersion(), catalog.schemaVersion());
                assertEquals(Optional.of(created), catalog.job("seed-fs01"));
            }
        }

        assertEquals(applied, appliedVersions());
        // every script once, oldest first (a version number is an order: numbers may be skipped)
        List<Integer> ascending = new ArrayList<>(new java.util.TreeSet<>(applied));
        assertEquals(ascending, applied);
        assertEquals(1, applied.get(0));
        assertEquals(CatalogDatabase.latestSchemaVersion(), applied.get(applied.size() - 1));
    }

    @Test
    void aCatalogWrittenByANewerSeedbenchIsRefusedInOneLine() throws Exception {
        SampleJobs.open(data).close();
        CatalogDatabase database = new CatalogDatabase(data, Duration.ZERO);
        try (CatalogDatabase.Session session = database.open();
                PreparedStatement ps = session.connection().prepareStatement(
                        "INSERT INTO schema_version (version, script, applied, actor) "
                                + "VALUES (99, 'V99__future.sql', ?, 'x')")) {
            ps.setObject(1, OffsetDateTime.now());
            ps.executeUpdate();
            session.connection().commit();
        }

        CatalogException refused = assertThrows(CatalogException.class, () -> SampleJobs.open(data));

        assertEquals("catalog in " + data.toAbsolutePath().normalize() + " is at schema version 99, newer than this "
                + "Seedbench knows (" + CatalogDatabase.latestSchemaVersion() + "); use the Seedbench that last "
                + "wrote it", refused.getMessage());
    }

    private List<Integer> appliedVersions() throws Exception {
        List<Integer> versions = new ArrayList<>();
        try (CatalogDatabase.Session session = new CatalogDatabase(data, Duration.ZERO).open();
                Statement s = session.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }
}
