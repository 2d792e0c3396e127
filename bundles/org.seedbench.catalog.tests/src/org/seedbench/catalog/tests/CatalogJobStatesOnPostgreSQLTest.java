package org.seedbench.catalog.tests;

/** Every test of {@link CatalogJobStatesTest} on the real PostgreSQL server, in a database of its own a test. */
class CatalogJobStatesOnPostgreSQLTest extends CatalogJobStatesTest implements CatalogTestBase.OnPostgreSQL {
}
