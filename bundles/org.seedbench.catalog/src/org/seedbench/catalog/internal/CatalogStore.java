package org.seedbench.catalog.internal;

/**
 * The database a catalog lives in: the H2 file of a data directory ({@link CatalogDatabase}) or a PostgreSQL
 * server ({@link PostgresDatabase}). Each operation is one transaction on a connection of the store's choice.
 */
public interface CatalogStore {

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws.
     *
     * @throws org.seedbench.catalog.CatalogException when the database fails, in one line
     */
    <T, X extends Exception> T inTransaction(CatalogDatabase.Work<T, X> work) throws X;

    /** Brings the schema to the latest version and returns it. */
    int migrate(String actor);

    /** The schema version the catalog is at. */
    int schemaVersion();

    /** The start of a verb's use: connections may be kept between its operations until {@link #release()}. */
    void retain();

    /** The end of a verb's use. */
    void release();

    /** Closes connections kept between operations. */
    void letGo();

    /** Where the catalog is, for messages: a data directory or a URL without its password. */
    String where();

    Dialect dialect();
}
