package org.seedbench.catalog.tests;

/** Every test of {@link PackLeasesTest} on the real PostgreSQL server, in a database of its own a test. */
class PackLeasesOnPostgreSQLTest extends PackLeasesTest implements CatalogTestBase.OnPostgreSQL {
}
