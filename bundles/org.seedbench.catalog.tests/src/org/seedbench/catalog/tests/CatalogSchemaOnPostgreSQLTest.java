package org.seedbench.catalog.tests;

/** Every test of {@link CatalogSchemaTest} on the real PostgreSQL server, in a database of its own a test. */
class CatalogSchemaOnPostgreSQLTest extends CatalogSchemaTest implements CatalogTestBase.OnPostgreSQL {
}
