package org.seedbench.catalog.tests;

/** Every test of {@link CatalogShipmentTest} on the real PostgreSQL server, in a database of its own a test. */
class CatalogShipmentOnPostgreSQLTest extends CatalogShipmentTest implements CatalogTestBase.OnPostgreSQL {
}
