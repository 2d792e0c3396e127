package org.seedbench.catalog.tests;

/** Every test of {@link CatalogServiceComponentTest} on the real PostgreSQL server, in a database of its own a test. */
class CatalogServiceComponentOnPostgreSQLTest extends CatalogServiceComponentTest implements CatalogTestBase.OnPostgreSQL {
}
