package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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

class CatalogSchemaTest extends CatalogTestBase {
    @TempDir
    Path data;

    @Test
    void aNewCatalogIsAtTheLatestSchemaVersion() {
        try (Catalog catalog = open(data)) {
            assertTrue(CatalogDatabase.latestSchemaVersion() >= 1);
            assertEquals(CatalogDatabase.latestSchemaVersion(), catalog.schemaVersion());
        }
        assertEquals(backend.url() == null, Files.isRegularFile(data.resolve("catalog.mv.db")),
                "the embedded catalog is a file in the data directory; a shared one leaves none there");
    }

    @Test
    void reopeningAppliesNothingTwiceAndKeepsTheData() throws Exception {
        SeedingJob created;
        try (Catalog catalog = open(data)) {
            created = catalog.createJob(SampleJobs.job("seed-fs01"));
        }
        List<Integer> applied = appliedVersions();

        for (int i = 0; i < 2; i++) {
            try (Catalog catalog = open(data)) {
                assertEquals(CatalogDatabase.latestSchemaVersion(), catalog.schemaVersion());
                assertEquals(Optional.of(created), catalog.job("seed-fs01"));
            }
        }

        assertEquals(applied, appliedVersions());
        assertEquals(CatalogDatabase.schemaVersions(), applied);
    }

    @Test
    void aCatalogWrittenByANewerSeedbenchIsRefusedInOneLine() throws Exception {
        open(data).close();
        backend.sql(data, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, script, applied, actor) "
                    + "VALUES (99, 'V99__future.sql', ?, 'x')")) {
                ps.setObject(1, OffsetDateTime.now());
                return ps.executeUpdate();
            }
        });

        CatalogException refused = assertThrows(CatalogException.class, () -> open(data));

        assertEquals("catalog in " + backend.where(data) + " is at schema version 99, newer than this "
                + "Seedbench knows (" + CatalogDatabase.latestSchemaVersion() + "); use the Seedbench that last "
                + "wrote it", refused.getMessage());
    }

    private List<Integer> appliedVersions() throws Exception {
        return backend.sql(data, c -> {
            List<Integer> versions = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            return versions;
        });
    }
}
