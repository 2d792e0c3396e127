package org.seedbench.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.osgi.service.prefs.BackingStoreException;
import org.seedbench.catalog.Catalog;
import org.seedbench.ui.secrets.PgPass;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * The catalog URL of Window &gt; Preferences, kept in the workbench's preferences (the instance scope's
 * {@code org.seedbench.ui} node): empty for the embedded catalog in the data directory, a {@code jdbc:postgresql://…}
 * URL for a shared catalog, or a {@code jdbc:h2:file:…} URL. {@code -Dseedbench.catalog} and {@code SEEDBENCH_CATALOG}
 * win over it, as {@code --catalog} and {@code SEEDBENCH_CATALOG} do for the command line. A password never goes into
 * the URL nor the preferences: it goes into the pgpass file ({@link PgPass}).
 */
public final class CatalogPreference {
    static final String NODE = "org.seedbench.ui";
    static final String KEY = "catalog.url";

    private final IEclipsePreferences node;
    private final Map<String, String> env;
    private final String property;

    /** The workbench's preference, the environment and the system property of this process. */
    public CatalogPreference() {
        this(InstanceScope.INSTANCE.getNode(NODE), System.getenv(), System.getProperty(SeedbenchUi.CATALOG_PROPERTY));
    }

    CatalogPreference(IEclipsePreferences node, Map<String, String> env, String property) {
        this.node = node;
        this.env = env;
        this.property = property;
    }

    /** The URL the preferences keep; null for the embedded catalog. */
    public String stored() {
        String url = node.get(KEY, null);
        return url == null || url.isBlank() ? null : url;
    }

    /** The catalog the workbench works on: the property, the environment variable, else {@link #stored()}. */
    public String effective() {
        return SeedbenchUi.catalogUrl(property, env, stored());
    }

    /** What names the catalog over the preferences ({@code -Dseedbench.catalog} or {@code SEEDBENCH_CATALOG}), or null. */
    public String overriddenBy() {
        if (property != null && !property.isBlank()) {
            return "-D" + SeedbenchUi.CATALOG_PROPERTY;
        }
        String e = env.get(SeedbenchUi.CATALOG_ENV);
        return e == null || e.isBlank() ? null : SeedbenchUi.CATALOG_ENV;
    }

    /**
     * Checks that the catalog at {@code url} opens (a password, when given, first goes into the pgpass file), then
     * keeps the URL in the preferences and puts the catalog the workbench now works on into {@code context}.
     *
     * @param url      the URL typed; null or blank for the embedded catalog
     * @param password the password typed; empty for none (the pgpass file, a certificate or trust authenticate)
     * @param opens    opens the catalog at a URL and closes it again; throws when it cannot
     * @return null when done, else the one line that says what to fix (never the password)
     */
    public String apply(String url, char[] password, Consumer<String> opens, IEclipseContext context) {
        String wanted = url == null || url.isBlank() ? null : url.strip();
        String problem = check(wanted, password);
        if (problem != null) {
            return problem;
        }
        if (password.length > 0) {
            PgPass pgpass = PgPass.of(env, System.getProperty("user.home"),
                    System.getProperty("os.name", "").startsWith("Windows"));
            try {
                pgpass.keep(wanted, System.getProperty("user.name"), password);
            } catch (IOException | RuntimeException e) {
                return "Cannot keep the password in " + pgpass.file() + ": " + e.getMessage();
            }
        }
        try {
            opens.accept(wanted);
        } catch (RuntimeException e) {
            return "Cannot open the catalog at " + mask(wanted == null ? "the data directory" : wanted) + ": "
                    + mask(String.valueOf(e.getMessage()));
        }
        if (wanted == null) {
            node.remove(KEY);
        } else {
            node.put(KEY, wanted);
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            return "Cannot save the preferences: " + e.getMessage();
        }
        context.set(SeedbenchUi.CATALOG_URL_KEY, effective());
        return null;
    }

    /** The line that says what is wrong with a URL and password as typed, or null. */
    static String check(String url, char[] password) {
        if (url == null) {
            return password.length == 0 ? null
                    : "A password applies to a PostgreSQL catalog only: give its jdbc:postgresql:// URL";
        }
        if (!url.startsWith("jdbc:postgresql://") && !url.startsWith("jdbc:h2:file:")) {
            return "Catalog URL: give jdbc:postgresql://host:port/database, jdbc:h2:file:/path/name, or nothing for "
                    + "the catalog in the data directory";
        }
        if (PgPass.holdsPassword(url)) {
            return "Catalog URL: take the password out of the URL and type it in the Password field (it is kept in "
                    + "the pgpass file, never in the preferences)";
        }
        if (password.length > 0 && !url.startsWith("jdbc:postgresql://")) {
            return "A password applies to a PostgreSQL catalog only";
        }
        return null;
    }

    /** A catalog URL, or a message that may quote one, as it may be shown: a password in it becomes "…". */
    public static String mask(String text) {
        return text.replaceAll("(?i)(password=)[^&;\\s]*", "$1…").replaceAll("//([^/:@\\s]+):[^/@\\s]*@", "//$1:…@");
    }

    /** Opens the catalog at a URL in the workbench's data directory: what {@link #apply} checks a URL with. */
    public static Consumer<String> opener(Workspaces workspaces, Path data) {
        return url -> {
            try (Workspace workspace = SeedbenchUi.open(workspaces, data, url); Catalog catalog = workspace.catalog()) {
                catalog.schemaVersion();
            }
        };
    }
}
