package org.seedbench.ui;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.osgi.service.datalocation.Location;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * Element ids of the workbench model and the data directory the workbench works on. Fragments of other
 * bundles contribute to these ids, so they are API of this bundle.
 */
public final class SeedbenchUi {
    public static final String MAIN_MENU = "org.seedbench.app.mainmenu";
    public static final String MENU_FILE = "org.seedbench.app.menu.file";
    /** The "Job" menu: actions on the selected seeding job. */
    public static final String MENU_JOB = "org.seedbench.app.menu.job";
    public static final String MENU_WINDOW = "org.seedbench.app.menu.window";
    public static final String MENU_HELP = "org.seedbench.app.menu.help";
    public static final String PART_STACK_MAIN = "org.seedbench.app.partstack.main";

    public static final String PART_JOBS = "org.seedbench.ui.part.jobs";
    public static final String PART_DRIVES = "org.seedbench.ui.part.drives";
    public static final String PART_SHIPPING = "org.seedbench.ui.part.shipping";
    public static final String PART_EVENTS = "org.seedbench.ui.part.events";
    /** The workflow's steps running now and the recent ones. */
    public static final String PART_PROGRESS = "org.seedbench.ui.part.progress";
    /** The Jobs view's toolbar and its context menu. */
    public static final String TOOLBAR_JOBS = "org.seedbench.ui.toolbar.jobs";
    public static final String POPUP_JOBS = "org.seedbench.ui.popup.jobs";


    /** The application context's key of the data directory the workbench shows ({@link java.nio.file.Path}). */
    public static final String DATA_DIRECTORY_KEY = "org.seedbench.ui.dataDirectory";
    /**
     * Posted when a workflow step of a job ends: property {@code job} and, when it failed, {@link #STEP_FAILURE}
     * with the line to show.
     */
    public static final String TOPIC_STEP_ENDED = "org/seedbench/ui/step/ended";
    public static final String STEP_FAILURE = "failure";

    /** The details stack under the Jobs view: Drives, Shipping and Events. */
    public static final String PART_STACK_DETAILS = "org.seedbench.app.partstack.details";

    /**
     * The widget data key under which views and dialogs name their widgets
     * ({@code widget.setData(WIDGET_ID, "org.seedbench.ui.jobs.table")}), so UI tests find them without depending on
     * layout or labels.
     */
    public static final String WIDGET_ID = "org.seedbench.id";
    public static final String ID_JOBS_TABLE = "org.seedbench.ui.jobs.table";
    public static final String ID_DRIVES_TABLE = "org.seedbench.ui.drives.table";
    /** The selected drive's log lines under the drives table. */
    public static final String ID_DRIVE_LOG = "org.seedbench.ui.drives.log";
    public static final String ID_EVENTS_TABLE = "org.seedbench.ui.events.table";
    /** Prefix of the Shipping view's read-only fields; the suffix is the field, e.g. {@code .carrier}. */
    public static final String ID_SHIPPING = "org.seedbench.ui.shipping";
    /** The status line's progress of the running workflow job and its cancel button. */
    public static final String ID_PROGRESS = "org.seedbench.ui.progress";
    public static final String ID_PROGRESS_CANCEL = "org.seedbench.ui.progress.cancel";
    /** The Progress view's table of steps. */
    public static final String ID_PROGRESS_TABLE = "org.seedbench.ui.progress.table";
    /** The line under the Jobs table that names deadlines close or expired and failed steps. */
    public static final String ID_NOTIFICATION = "org.seedbench.ui.notification";
    /** The passphrase dialog's field, its "keep in secure storage" check box and its OK button. */
    public static final String ID_PASSPHRASE = "org.seedbench.ui.passphrase";
    public static final String ID_PASSPHRASE_KEEP = "org.seedbench.ui.passphrase.keep";
    public static final String ID_PASSPHRASE_OK = "org.seedbench.ui.passphrase.ok";
    /**
     * Prefix of the Edit job dialog's fields; the suffix is the field: {@code .staging}, {@code .storageAccount},
     * {@code .container}, {@code .subscription}, {@code .location}, {@code .sourceHost}, {@code .workloads} (one
     * {@code SOURCE:TARGET} a line), {@code .include}, {@code .exclude}, and {@code .problems} (the line of each problem
     * the edit was refused for).
     */
    public static final String ID_EDIT = "org.seedbench.ui.edit";

    /** The workflow's commands and the ids of their tool items in the Jobs view's toolbar ({@code toolitem.} + suffix). */
    public static final String COMMAND_STAGE = "org.seedbench.ui.command.stage";
    public static final String COMMAND_REFRESH = "org.seedbench.ui.command.refresh";
    public static final String COMMAND_SEED_VAULT = "org.seedbench.ui.command.seedvault";
    public static final String COMMAND_BACKUP = "org.seedbench.ui.command.backup";
    public static final String COMMAND_RESTORE = "org.seedbench.ui.command.restore";
    public static final String COMMAND_VERIFY = "org.seedbench.ui.command.verify";
    public static final String COMMAND_CLEANUP = "org.seedbench.ui.command.cleanup";
    public static final String TOOLITEM_STAGE = "org.seedbench.ui.toolitem.stage";
    public static final String TOOLITEM_REFRESH = "org.seedbench.ui.toolitem.refresh";
    public static final String TOOLITEM_SEED_VAULT = "org.seedbench.ui.toolitem.seedvault";
    public static final String TOOLITEM_BACKUP = "org.seedbench.ui.toolitem.backup";
    public static final String TOOLITEM_RESTORE = "org.seedbench.ui.toolitem.restore";
    public static final String TOOLITEM_VERIFY = "org.seedbench.ui.toolitem.verify";
    public static final String TOOLITEM_CLEANUP = "org.seedbench.ui.toolitem.cleanup";
    public static final String TOOLITEM_CANCEL_JOB = "org.seedbench.ui.toolitem.canceljob";
    public static final String TOOLITEM_REOPEN_JOB = "org.seedbench.ui.toolitem.reopenjob";
    public static final String TOOLITEM_DELETE_JOB = "org.seedbench.ui.toolitem.deletejob";
    public static final String TOOLITEM_EDIT_JOB = "org.seedbench.ui.toolitem.editjob";

    /** System property that names the data directory, as {@code --data} does for the CLI. */
    public static final String DATA_PROPERTY = "seedbench.data";
    public static final String DATA_ENV = Workspaces.DATA_ENV;
    /**
     * The application context's key of the catalog the workbench works on ({@link String}, a JDBC URL): absent for the
     * embedded catalog in the data directory.
     */
    public static final String CATALOG_URL_KEY = "org.seedbench.ui.catalogUrl";
    /** System property and environment variable that name the catalog, as {@code --catalog} does for the CLI. */
    public static final String CATALOG_PROPERTY = "seedbench.catalog";
    public static final String CATALOG_ENV = Workspaces.CATALOG_ENV;

    private SeedbenchUi() {
    }

    /**
     * The data directory: {@code -Dseedbench.data}, else {@code SEEDBENCH_DATA}, else the workbench's instance
     * location ({@code -data DIR}; the product's default is {@code ~/.seedbench}, the command line's default too),
     * else {@code ~/.seedbench}.
     */
    public static Path dataDirectory() {
        return dataDirectory(System.getProperty(DATA_PROPERTY), System.getenv(), instanceLocation(),
                System.getProperty("user.home"));
    }

    /** {@link #dataDirectory()} from what it reads: the property, the environment, the instance location, home. */
    public static Path dataDirectory(String property, Map<String, String> env, Path instanceLocation, String home) {
        boolean given = !blank(property) || !blank(env.get(DATA_ENV));
        return Workspaces.dataDirectory(given || instanceLocation == null ? property : instanceLocation.toString(), env,
                home);
    }

    /** The workbench's instance location, where {@code -data} points; null outside OSGi or without one. */
    public static Path instanceLocation() {
        Bundle bundle = FrameworkUtil.getBundle(SeedbenchUi.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return null;
        }
        try {
            for (ServiceReference<Location> ref : context.getServiceReferences(Location.class, Location.INSTANCE_FILTER)) {
                Location location = context.getService(ref);
                try {
                    URL url = location == null ? null : location.getURL();
                    if (url != null && "file".equals(url.getProtocol())) {
                        return new File(url.getFile()).toPath().toAbsolutePath().normalize();
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    /**
     * The catalog the workbench works on: {@code -Dseedbench.catalog}, else {@code SEEDBENCH_CATALOG}, else the one
     * the preferences name; null (the embedded catalog in the data directory) when none does.
     */
    public static String catalogUrl(String property, Map<String, String> env, String preference) {
        String launched = Workspaces.catalogUrl(property, env);
        return launched != null || blank(preference) ? launched : preference.strip();
    }

    /**
     * Whether a catalog tells the workbench of other processes' changes as they commit (PostgreSQL's
     * {@code LISTEN/NOTIFY}), so that the views need not read it again every few seconds: the embedded catalog and an
     * H2 file elsewhere do not.
     */
    public static boolean notifies(String catalogUrl) {
        return catalogUrl != null && catalogUrl.startsWith("jdbc:postgresql:");
    }

    /** The workspace a step of the workbench works in: the data directory, on the catalog the workbench works on. */
    public static Workspace open(Workspaces workspaces, Path data, String catalogUrl) {
        return workspaces.open(data, catalogUrl);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

}
