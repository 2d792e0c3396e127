package org.seedbench.catalog.tests;

/** Every test of {@link CatalogDrivesTest} on the real PostgreSQL server, in a database of its own a test. */
class CatalogDrivesOnPostgreSQLTest extends CatalogDrivesTest implements CatalogTestBase.OnPostgreSQL {
}
