package org.seedbench.workflow;

import java.nio.file.Path;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.catalog.CatalogService;

/**
 * Opens {@link Workspace}s: the CLI one per run, for {@code --data DIR} or {@value #DATA_ENV}; the workbench one per
 * step, for its data directory; a test one per data directory of its own. The one place that says which data
 * directory a front end works on ({@link #dataDirectory}).
 */
@Component(service = Workspaces.class)
public class Workspaces {
    /** The environment variable naming the data directory. */
    public static final String DATA_ENV = "SEEDBENCH_DATA";
    /** The environment variable naming a shared catalog's JDBC URL ({@code --catalog URL} wins over it). */
    public static final String CATALOG_ENV = "SEEDBENCH_CATALOG";
    /** The data directory's folder in the user's home when nothing names one. */
    public static final String DEFAULT_FOLDER = ".seedbench";

    @Reference
    private CatalogService catalogs;

    public Workspaces() {
    }

    /** Workspaces on this catalog service, outside Declarative Services. */
    public Workspaces(CatalogService catalogs) {
        this.catalogs = catalogs;
    }

    /** The workspace of a data directory, with the embedded catalog in it. */
    public Workspace open(Path dataDirectory) {
        return new Workspace(dataDirectory.toAbsolutePath(), null, catalogs);
    }

    /**
     * The workspace of a data directory (this computer's drive keys, journals, locks, connector settings) on the
     * catalog {@code catalogUrl} names: null or blank for the embedded catalog in the data directory, else a JDBC URL
     * ({@code jdbc:postgresql://HOST[:PORT]/DATABASE}, or {@code jdbc:h2:file:/FOLDER/catalog}).
     *
     */
    public Workspace open(Path dataDirectory, String catalogUrl) {
        String url = catalogUrl == null || catalogUrl.isBlank() ? null : catalogUrl.strip();
        return new Workspace(dataDirectory.toAbsolutePath(), url, catalogs);
    }

    /**
     * The catalog URL a front end works on: the one given ({@code --catalog URL}, the workbench's preference), else
     * {@value #CATALOG_ENV}; null for the embedded catalog in the data directory.
     */
    public static String catalogUrl(String given, Map<String, String> env) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        String fromEnv = env.get(CATALOG_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }

    /**
     * The data directory a front end works on: the one given ({@code --data DIR}, the workbench's
     * {@code -Dseedbench.data}), else {@value #DATA_ENV}, else {@code ~/.seedbench}.
     *
     * @param given the data directory the user named; null or blank when none
     * @param env   the environment
     * @param home  the user's home folder
     */
    public static Path dataDirectory(String given, Map<String, String> env, String home) {
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        String fromEnv = env.get(DATA_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return Path.of(home, DEFAULT_FOLDER);
    }
}
