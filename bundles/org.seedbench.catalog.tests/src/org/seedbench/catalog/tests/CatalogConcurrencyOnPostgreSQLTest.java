package org.seedbench.catalog.tests;

/** Every test of {@link CatalogConcurrencyTest} on the real PostgreSQL server, in a database of its own a test. */
class CatalogConcurrencyOnPostgreSQLTest extends CatalogConcurrencyTest implements CatalogTestBase.OnPostgreSQL {
}
