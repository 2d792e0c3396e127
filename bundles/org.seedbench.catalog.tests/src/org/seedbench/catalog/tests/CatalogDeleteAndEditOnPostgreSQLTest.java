package org.seedbench.catalog.tests;

/** Every test of {@link CatalogDeleteAndEditTest} on the real PostgreSQL server, in a database of its own a test. */
class CatalogDeleteAndEditOnPostgreSQLTest extends CatalogDeleteAndEditTest implements CatalogTestBase.OnPostgreSQL {
}
