package org.seedbench.ui.tests;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.catalog.CatalogService;
import org.seedbench.ui.tests.wizards.Ui;
import org.seedbench.ui.testsupport.UiDriver;

/**
 * What every test of the running workbench sets up: the driver of the workbench under the UI harness, the catalog
 * service, a temporary folder, and a way to find the buttons of the dialogs it opens. Subclasses extend with
 * {@code ServiceExtension} (which injects {@link #catalogs}).
 */
public abstract class UiTestBase {
    protected static UiDriver ui;

    @InjectService(timeout = 10_000)
    protected CatalogService catalogs;

    @TempDir
    protected Path tmp;

    @BeforeAll
    protected static void connect() {
        ui = UiDriver.connect();
    }

    /** A button of the open dialog whose title contains {@code title}, by its label (once the dialog shows it). */
    protected static Button button(String title, String label) {
        Button[] found = new Button[1];
        ui.waitUntil("button " + label + " in " + title, () -> {
            Shell shell = Ui.shell(ui.display(), title);
            found[0] = shell == null ? null : find(shell, label);
            return found[0] != null;
        });
        return found[0];
    }

    private static Button find(Composite c, String label) {
        for (Control child : c.getChildren()) {
            if (child instanceof Button b && label.equals(b.getText())) {
                return b;
            }
            if (child instanceof Composite inner) {
                Button b = find(inner, label);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }
}
