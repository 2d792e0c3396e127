package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.seedbench.catalog.Catalog;

/**
 * Every test of {@link CatalogSafeChangesTest} on the real PostgreSQL server, and there the event log is append-only
 * in the database itself: even the server's superuser cannot change, delete or truncate an event.
 */
class CatalogSafeChangesOnPostgreSQLTest extends CatalogSafeChangesTest implements CatalogTestBase.OnPostgreSQL {

    @Test
    void theDatabaseRefusesToChangeDeleteOrTruncateEventsEvenForItsSuperuser() throws Exception {
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
            catalog.recordEvent("seed-fs01", "note", "shipped on Monday");
        }
        for (String sql : new String[] {"UPDATE events SET detail = 'shipped on Tuesday'",
            "DELETE FROM events WHERE kind = 'note'", "TRUNCATE events"}) {
            SQLException refused = assertThrows(SQLException.class, () -> backend.sql(data, c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate(sql);
                }
            }), sql);
            assertTrue(refused.getMessage().contains("the event log is append-only"), refused.getMessage());
        }
        try (Catalog catalog = open(data)) {
            assertEquals(2, catalog.events("seed-fs01").size());
            assertTrue(catalog.verifyEvents("seed-fs01").intact());
        }
    }
}
