package org.seedbench.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens catalogs, and puts a catalog's backups back. Registered as an OSGi service; the data directory is the
 * user's choice ({@code --data DIR}, {@code SEEDBENCH_DATA}, default {@code ~/.seedbench}).
 */
public interface CatalogService {

    /**
     * Opens (creating and migrating when needed) the catalog in {@code dataDirectory}.
     *
     * @throws CatalogException when the catalog cannot be opened, e.g. it is in use by another process
     */
    Catalog open(Path dataDirectory) throws CatalogException;

    /**
     * Whether {@code dataDirectory} holds a catalog; {@link #open} creates one where it does not.
     *
     * @since 1.1
     */
    boolean exists(Path dataDirectory);

    /**
     * The copies the catalog keeps of itself (before each schema upgrade and once a day, the newest few of each
     * kind), newest first.
     *
     * @since 1.1
     */
    List<CatalogBackup> backups(Path dataDirectory) throws CatalogException;

    /**
     * Puts a backup back as the catalog of {@code dataDirectory}, after checking that it is readable. The catalog
     * file it replaces (damaged, or not wanted) is kept beside it, never deleted.
     *
     * @param backup a {@link CatalogBackup#name()} from {@link #backups}
     * @return where the replaced catalog file is kept, when there was one
     * @throws CatalogException when there is no such backup, it is damaged too, or another process has the
     *                          catalog open
     * @since 1.1
     */
    Optional<Path> restore(Path dataDirectory, String backup) throws CatalogException;

    /**
     * Opens (creating and migrating when needed) the catalog a front end works on: with no {@code catalogUrl}, the
     * embedded catalog in {@code dataDirectory} ({@link #open(Path)}); with {@code jdbc:h2:file:/FOLDER/catalog}, the
     * H2 catalog in that folder (processes of one computer share it, one operation at a time); with
     * {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?…]}, the shared catalog on a PostgreSQL server. The data directory
     * stays this computer's (drive keys, journals, locks, connector settings) whatever the catalog.
     *
     * @param catalogUrl a JDBC URL, or null or blank for the data directory's catalog
     * @param program    the program a change is attributed to, e.g. {@code cli}; null for {@code seedbench}
     * @throws CatalogException when the URL names no catalog Seedbench knows, or the catalog cannot be opened
     * @since 1.5
     */
    default Catalog open(Path dataDirectory, String catalogUrl, String program) throws CatalogException {
        if (catalogUrl == null || catalogUrl.isBlank()) {
            return open(dataDirectory);
        }
        throw new CatalogException("this Seedbench opens catalogs in data directories only; leave out --catalog");
    }

    /**
     * Whether the catalog {@link #open(Path, String, String)} opens exists: the data directory's or the H2 file's;
     * a PostgreSQL catalog counts as existing (its database is the admin's, and opening creates the tables).
     *
     * @since 1.5
     */
    default boolean exists(Path dataDirectory, String catalogUrl) {
        return catalogUrl == null || catalogUrl.isBlank() ? exists(dataDirectory) : true;
    }

    /**
     * Creates the PostgreSQL group roles of a shared catalog and grants their rights (see the README's "Shared
     * catalog"): {@code seedbench_operator} may change jobs and append events, {@code seedbench_auditor} may read
     * everything. Runs as the URL's user, who must own the catalog's tables and may create roles. Safe to run again.
     *
     * @param printed hears each SQL statement before it runs
     * @return the roles' names
     * @throws CatalogException when the URL names no PostgreSQL catalog, or the server refuses
     * @since 1.5
     */
    default List<String> initRoles(Path dataDirectory, String catalogUrl, java.util.function.Consumer<String> printed)
            throws CatalogException {
        throw new CatalogException("roles belong to a shared catalog on PostgreSQL; give --catalog "
                + "jdbc:postgresql://HOST[:PORT]/DATABASE");
    }

    /**
     * Copies the catalog {@code fromUrl} names (null: the data directory's) into the empty catalog {@code toUrl} names
     * (e.g. a new PostgreSQL database): jobs, workloads, drives, shipments, return details, properties and events in
     * their order, with their ids, times and actors; each event chain is computed again over what the target keeps and
     * verified, and each table's rows are counted in both. All in one transaction of the target: on any failure it
     * holds nothing of the copy. Both catalogs are brought to the latest schema version first.
     *
     * @throws org.seedbench.core.rules.InvalidInputException when the target holds a job already, or the source
     *                                                         catalog does not exist
     * @since 1.5
     */
    default CatalogCopyReport copy(Path dataDirectory, String fromUrl, String toUrl)
            throws org.seedbench.core.rules.InvalidInputException {
        throw new CatalogException("this Seedbench cannot copy catalogs");
    }
}
