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
}
