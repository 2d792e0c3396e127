package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.ui.CatalogPreference;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.handlers.PreferencesDialog;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.tests.wizards.Ui;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * Window &gt; Preferences' catalog URL: refused with one line that says what to fix (a URL of another kind, a password
 * in the URL — never shown back —, a password for no PostgreSQL server, a server that does not answer), and when the
 * catalog opens, kept and used: the views show the jobs of that catalog, and of the data directory's again once the
 * field is emptied.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class CatalogPreferencesTest extends UiTestBase {
    private static final String URL = PreferencesDialog.ID + ".catalogUrl";
    private static final String PASSWORD = PreferencesDialog.ID + ".catalogPassword";

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @AfterEach
    void embeddedAgain() {
        if (ui.syncExec(() -> Ui.shell(ui.display(), "Preferences")) != null) {
            ui.click(button("Preferences", "Cancel"));
        }
        ui.run(() -> new CatalogPreference().apply(null, new char[0], url -> {
        }, ui.application().getContext()));
    }

    @Test
    void aCatalogUrlThatDoesNotOpenIsRefusedWithOneLineAndNoPasswordShown() {
        FinishTest.click(SeedbenchUi.MENU_WINDOW, "org.seedbench.ui.menuitem.preferences");
        assertEquals("", ui.text(ui.widget(Text.class, URL)), "the embedded catalog: an empty URL");

        assertRefused("postgres://db.example.com/seedbench", "", "Catalog URL: give jdbc:postgresql://");
        List<String> shown = assertRefused("jdbc:postgresql://127.0.0.1:1/seedbench?user=admin&password=hunter2", "",
                "type it in the Password field");
        assertFalse(shown.stream().anyMatch(s -> s.contains("hunter2")), "the password is not shown back: " + shown);
        assertRefused("", "hunter2", "A password applies to a PostgreSQL catalog only");
        // nothing listens on port 1 of this machine
        shown = assertRefused("jdbc:postgresql://127.0.0.1:1/seedbench?user=admin", "",
                "Cannot open the catalog at jdbc:postgresql://127.0.0.1:1/seedbench?user=admin: ");
        assertNull(ui.syncExec(() -> ui.application().getContext().get(SeedbenchUi.CATALOG_URL_KEY)),
                "the workbench stays on the embedded catalog");
        assertNull(new CatalogPreference().stored(), "nothing kept");
    }

    @Test
    void aCatalogUrlThatOpensIsKeptAndTheViewsShowThatCatalogUntilTheFieldIsEmptied() throws Exception {
        String shared = "jdbc:h2:file:" + tmp.resolve("shared/catalog").toAbsolutePath();
        String there = Fixtures.uniqueName("there");
        String here = Fixtures.uniqueName("here");
        Fixtures.createJob(catalogs, here, tmp.resolve("staging"), tmp);
        try (Workspace w = SeedbenchUi.open(workspaces, Fixtures.data(), shared); Catalog catalog = w.catalog()) {
            catalog.createJob(Fixtures.draft(there, tmp.resolve("staging"), tmp));
        }
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(here, JobState.DRAFT.label());

        FinishTest.click(SeedbenchUi.MENU_WINDOW, "org.seedbench.ui.menuitem.preferences");
        ui.type(ui.widget(Text.class, URL), shared);
        ui.click(button("Preferences", "Apply and Close"));
        ui.waitUntil("Preferences closed", () -> Ui.shell(ui.display(), "Preferences") == null);
        assertEquals(shared, new CatalogPreference().stored(), "kept in the preferences");
        assertEquals(shared, ui.syncExec(() -> ui.application().getContext().get(SeedbenchUi.CATALOG_URL_KEY)));
        jobs.waitForState(there, JobState.DRAFT.label());
        assertTrue(jobs.cell(here, JobsViewBot.STATE).isEmpty(), "the data directory's jobs are not shown");

        FinishTest.click(SeedbenchUi.MENU_WINDOW, "org.seedbench.ui.menuitem.preferences");
        assertEquals(shared, ui.text(ui.widget(Text.class, URL)));
        ui.type(ui.widget(Text.class, URL), "");
        ui.click(button("Preferences", "Apply and Close"));
        ui.waitUntil("Preferences closed", () -> Ui.shell(ui.display(), "Preferences") == null);
        assertNull(new CatalogPreference().stored());
        jobs.waitForState(here, JobState.DRAFT.label());
    }

    /** Types the URL and password, applies, and waits for the error line; returns the dialog's texts but the fields'. */
    private static List<String> assertRefused(String url, String password, String expected) {
        ui.type(ui.widget(Text.class, URL), url);
        ui.type(ui.widget(Text.class, PASSWORD), password);
        ui.click(button("Preferences", "Apply and Close"));
        List<String> shown = new ArrayList<>();
        ui.waitUntil("the dialog says: " + expected, () -> {
            shown.clear();
            Shell s = Ui.shell(ui.display(), "Preferences");
            if (s != null) {
                collect(s, shown);
            }
            return shown.stream().anyMatch(t -> t.contains(expected));
        });
        assertTrue(shown.stream().filter(t -> t.contains(expected)).allMatch(t -> !t.contains("\n")), "one line");
        return shown;
    }

    private static void collect(Control c, List<String> out) {
        if (c instanceof Text t && !URL.equals(t.getData(SeedbenchUi.WIDGET_ID))
                && !PASSWORD.equals(t.getData(SeedbenchUi.WIDGET_ID))) {
            out.add(t.getText());
        } else if (c instanceof org.eclipse.swt.widgets.Label l) {
            out.add(l.getText());
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                collect(child, out);
            }
        }
    }
}
