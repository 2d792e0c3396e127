package org.seedbench.catalog.tests;

/** Every test of {@link CatalogJobsTest} on the real PostgreSQL server, in a database of its own a test. */
class CatalogJobsOnPostgreSQLTest extends CatalogJobsTest implements CatalogTestBase.OnPostgreSQL {
}
