package org.seedbench.ui;

import java.nio.file.Path;
import java.util.Map;

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
    /** The Jobs view's toolbar and its context menu. */
    public static final String TOOLBAR_JOBS = "org.seedbench.ui.toolbar.jobs";
    public static final String POPUP_JOBS = "org.seedbench.ui.popup.jobs";

    /** System property that names the data directory, as {@code --data} does for the CLI. */
    public static final String DATA_PROPERTY = "seedbench.data";
    public static final String DATA_ENV = "SEEDBENCH_DATA";

    private SeedbenchUi() {
    }

    /** The data directory: {@code -Dseedbench.data}, else {@code SEEDBENCH_DATA}, else {@code ~/.seedbench}. */
    public static Path dataDirectory() {
        return dataDirectory(System.getProperty(DATA_PROPERTY), System.getenv(), System.getProperty("user.home"));
    }

    static Path dataDirectory(String property, Map<String, String> env, String home) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String fromEnv = env.get(DATA_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(home, ".seedbench");
    }
}
