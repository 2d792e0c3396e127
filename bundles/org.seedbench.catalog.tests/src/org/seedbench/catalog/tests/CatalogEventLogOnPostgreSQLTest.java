package org.seedbench.catalog.tests;

/** Every test of {@link CatalogEventLogTest} on the real PostgreSQL server, in a database of its own a test. */
class CatalogEventLogOnPostgreSQLTest extends CatalogEventLogTest implements CatalogTestBase.OnPostgreSQL {
}
