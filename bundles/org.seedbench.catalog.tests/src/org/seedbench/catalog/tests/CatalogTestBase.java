package org.seedbench.catalog.tests;

import java.nio.file.Path;

import org.seedbench.catalog.Catalog;

/**
 * The base of the catalog's test classes that run on both databases: the class runs on the embedded H2 catalog, and
 * its subclass {@code …OnPostgreSQLTest} runs the same tests on the real PostgreSQL server
 * ({@link OnPostgreSQL}). Tests of what only an H2 catalog file has (its lock, damage, backups) are
 * {@link EmbeddedOnly}.
 */
abstract class CatalogTestBase {
    /** This test's backend, made once a test (JUnit makes an instance a test). */
    final CatalogBackend backend = this instanceof OnPostgreSQL
            ? CatalogBackend.postgresql(getClass().getSimpleName().replace("OnPostgreSQLTest", ""))
            : CatalogBackend.h2();

    /** A catalog for the test: in {@code data} on H2; the test's own database on PostgreSQL. */
    Catalog open(Path data) {
        return backend.open(data);
    }

    /** Marks the subclass of a test class that runs its tests on PostgreSQL. */
    interface OnPostgreSQL {
    }
}
