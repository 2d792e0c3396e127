package org.seedbench.catalog;

import java.nio.file.Path;

/**
 * Opens catalogs. Registered as an OSGi service; the data directory is the user's choice
 * ({@code --data DIR}, {@code SEEDBENCH_DATA}, default {@code ~/.seedbench}).
 */
public interface CatalogService {

    /**
     * Opens (creating and migrating when needed) the catalog in {@code dataDirectory}.
     *
     * @throws CatalogException when the catalog cannot be opened, e.g. it is in use by another process
     */
    Catalog open(Path dataDirectory) throws CatalogException;
}
