package org.seedbench.workflow;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;

/**
 * The data directory a front end works on, for the length of one verb (a CLI run, a workbench step): where the
 * catalog, the drive keys, journals, locks and connector settings live, and the catalog session the workflow's
 * services share while the verb runs. Obtained from {@link Workspaces#open}; the front end closes it when the verb
 * ends.
 *
 * <p>The catalog is opened once, on first use, and every service the verb calls works in that session:
 * {@link #catalog()} hands out a lease whose {@code close()} leaves it open, so a service writes
 * {@code try (Catalog catalog = workspace.catalog()) { … }} whether or not it runs inside a longer verb.
 */
public final class Workspace implements AutoCloseable {
    private final Path dataDirectory;
    private final String catalogUrl;
    private final CatalogService catalogs;
    private Catalog catalog;
    private int catalogOpens;

    Workspace(Path dataDirectory, String catalogUrl, CatalogService catalogs) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.catalogUrl = catalogUrl;
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
    }

    /** The data directory: {@code --data DIR}, {@code SEEDBENCH_DATA} or the workbench's. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The JDBC URL of a shared catalog; empty for the embedded catalog in the data directory. */
    public Optional<String> catalogUrl() {
        return Optional.ofNullable(catalogUrl);
    }

    /** Whether the data directory holds a catalog yet (the first {@link #catalog()} creates one). */
    public boolean hasCatalog() {
        return catalog != null || catalogs.exists(dataDirectory, catalogUrl);
    }

    /**
     * The catalog session of this verb, opened on first use: a lease the caller may close, which leaves the session
     * open for the verb's other steps.
     *
     * @throws org.seedbench.catalog.CatalogException when the catalog cannot be opened
     */
    public synchronized Catalog catalog() {
        if (catalog == null) {
            catalog = catalogs.open(dataDirectory, catalogUrl, null);
            catalogOpens++;
        }
        return new CatalogLease(catalog);
    }

    /** How often this workspace opened the catalog: once a verb, at most. */
    synchronized int catalogOpens() {
        return catalogOpens;
    }

    /** The folder of a job's journals, DriveInfo files and drive keys on this computer. */
    public Path driveFolder(String jobName) {
        return dataDirectory.resolve("drives").resolve(jobName);
    }

    /** The file a connector's settings are read from: {@code <data>/connectors/<id>.properties}. */
    public Path connectorSettingsFile(String connectorId) {
        return dataDirectory.resolve("connectors").resolve(connectorId + ".properties");
    }

    /** The folder of the job's vault records (the objects seeding checked, the upload spool). */
    Path vaultFolder(String jobName) {
        return dataDirectory.resolve("vault").resolve(jobName);
    }

    /** Ends the verb's catalog session. */
    @Override
    public synchronized void close() {
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }

    @Override
    public String toString() {
        return "Workspace[" + dataDirectory + (catalogUrl == null ? "" : ", " + catalogUrl) + "]";
    }
}
