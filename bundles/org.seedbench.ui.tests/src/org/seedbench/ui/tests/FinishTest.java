package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.handlers.AboutDialog;
import org.seedbench.ui.handlers.PreferencesDialog;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.tests.wizards.Ui;
import org.seedbench.ui.wizards.WizardIds;
import org.seedbench.workflow.AlertService;
import org.seedbench.workflow.AlertSettings;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * What an Eclipse user expects of the workbench: icons on every command, File &gt; Exit, Help &gt; About with the
 * product's version, Window &gt; Preferences, key bindings shown in the menus and working.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class FinishTest extends UiTestBase {
    @InjectService(timeout = 10_000)
    Workspaces workspaces;
    @InjectService(timeout = 10_000)
    AlertService alerts;

    @Test
    void theToolbarShowsIconsWithTooltipsRatherThanWords() {
        new JobsViewBot(ui);
        ToolItem stage = ui.toolItem(SeedbenchUi.TOOLITEM_STAGE);
        List<String> wordy = ui.syncExec(() -> {
            List<String> out = new ArrayList<>();
            for (ToolItem item : stage.getParent().getItems()) {
                if ((item.getStyle() & SWT.SEPARATOR) != 0) {
                    continue;
                }
                if (item.getImage() == null || !item.getText().isEmpty() || item.getToolTipText() == null
                        || item.getToolTipText().isBlank()) {
                    out.add(item.getToolTipText() + " [text " + item.getText() + ", image " + item.getImage() + "]");
                }
            }
            return out;
        });
        assertEquals(List.of(), wordy, "tool items without an icon, with words, or without a tooltip");
        assertTrue(ui.syncExec(() -> stage.getParent().getItemCount()) >= 14);
        // the wizards first, in the order of the trip
        assertEquals(List.of(WizardIds.TOOLITEM_NEW_JOB, "org.seedbench.ui.wizards.toolitem.prepareDrives",
                "org.seedbench.ui.wizards.toolitem.updateShipping"), ui.syncExec(() -> Arrays.stream(stage.getParent()
                        .getItems()).limit(3).map(FinishTest::modelId).toList()));
    }

    @Test
    void everyMenuItemHasAnIconAndTheKeyBindingsShowBesideTheirItems() {
        List<String> missing = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String menu : List.of(SeedbenchUi.MENU_FILE, SeedbenchUi.MENU_JOB, SeedbenchUi.MENU_WINDOW,
                SeedbenchUi.MENU_HELP)) {
            for (MenuItem item : items(menu)) {
                ui.run(() -> {
                    if ((item.getStyle() & SWT.SEPARATOR) == 0) {
                        texts.add(item.getText());
                        if (item.getImage() == null) {
                            missing.add(item.getText());
                        }
                    }
                });
            }
        }
        assertEquals(List.of(), missing, "menu items without an icon");
        for (String expected : List.of("New Seeding Job…\tCtrl+N", "Refresh status\tF5", "E&xit\tCtrl+Q",
                "&Preferences…", "&About Seedbench")) {
            assertTrue(texts.contains(expected), expected + " in " + texts);
        }
        assertTrue(texts.stream().anyMatch(t -> t.matches("Delete job…\tDel(ete)?")), "Delete job…\tDelete in "
                + texts);
    }

    @Test
    void ctrlNOpensTheNewSeedingJobWizard() {
        JobsViewBot jobs = new JobsViewBot(ui);
        ui.run(() -> {
            jobs.table().getShell().forceActive();
            jobs.table().setFocus();
        });
        ui.waitUntil("the Jobs table has the focus", () -> jobs.table().isFocusControl());
        ui.run(() -> {
            key(SWT.KeyDown, SWT.CTRL, '\0');
            key(SWT.KeyDown, 0, 'n');
            key(SWT.KeyUp, 0, 'n');
            key(SWT.KeyUp, SWT.CTRL, '\0');
        });
        ui.widget(Text.class, WizardIds.INIT_NAME);
        ui.click(button("Initiate Offline Backup", "Cancel"));
        ui.waitUntil("the wizard closed", () -> Ui.shell(ui.display(), "Initiate Offline Backup") == null);
    }

    @Test
    void aboutListsTheProductVersionAndTheBundlesWithTheirLicences() {
        Bundle app = Arrays.stream(FrameworkUtil.getBundle(FinishTest.class).getBundleContext().getBundles())
                .filter(b -> b.getSymbolicName().equals("org.seedbench.app")).findFirst().orElseThrow();
        click(SeedbenchUi.MENU_HELP, "org.seedbench.ui.menuitem.about");
        org.eclipse.swt.widgets.Label version = ui.widget(org.eclipse.swt.widgets.Label.class, AboutDialog.ID_VERSION);
        String text = ui.syncExec(version::getText);
        assertTrue(text.startsWith("Version " + app.getVersion() + " "), text);
        Table bundles = ui.widget(Table.class, AboutDialog.ID_BUNDLES);
        List<String> rows = ui.syncExec(() -> Arrays.stream(bundles.getItems())
                .map(i -> i.getText(0) + " " + i.getText(1) + " " + i.getText(2)).toList());
        assertTrue(rows.contains("org.seedbench.app " + app.getVersion() + " Seedbench"), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("org.eclipse.swt ") && r.endsWith(" EPL-2.0")),
                rows.toString());
        assertEquals("Seedbench " + app.getVersion(), ui.syncExec(() -> {
            Shell about = Ui.shell(ui.display(), "About Seedbench");
            return about == null ? null : titleOf(about);
        }));
        ui.click(button("About Seedbench", org.eclipse.jface.dialogs.IDialogConstants.CLOSE_LABEL));
        ui.waitUntil("About closed", () -> Ui.shell(ui.display(), "About Seedbench") == null);
    }

    @Test
    void exitClosesTheWorkbenchOnceTheWindowMayClose() {
        AtomicInteger closes = new AtomicInteger();
        IWorkbench recording = (IWorkbench) Proxy.newProxyInstance(FinishTest.class.getClassLoader(),
                new Class<?>[] { IWorkbench.class }, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closes.incrementAndGet();
                        return true;
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
        IEclipseContext window = ui.syncExec(() -> ui.application().getChildren().get(0).getContext());
        IWorkbench before = ui.syncExec(() -> window.getLocal(IWorkbench.class));
        ui.run(() -> window.set(IWorkbench.class, recording)); // the real one would end the tests' workbench
        try {
            click(SeedbenchUi.MENU_FILE, "org.seedbench.ui.menuitem.exit");
            ui.waitUntil("File > Exit closed the workbench", () -> closes.get() == 1);
        } finally {
            ui.run(() -> {
                if (before == null) {
                    window.remove(IWorkbench.class);
                } else {
                    window.set(IWorkbench.class, before);
                }
            });
        }
    }

    @Test
    void preferencesShowTheDataAndKeepTheDefaultAlertsRefusingABadWebhook() throws Exception {
        AlertSettings before;
        try (Workspace w = workspaces.open(Fixtures.data())) {
            before = alerts.settings(w, null);
        }
        click(SeedbenchUi.MENU_WINDOW, "org.seedbench.ui.menuitem.preferences");
        Text data = ui.widget(Text.class, PreferencesDialog.ID + ".data");
        assertEquals(Fixtures.data().toString(), ui.text(data));
        assertTrue(ui.text(ui.widget(Text.class, PreferencesDialog.ID + ".catalog")).startsWith("embedded"));
        try {
            ui.type(ui.widget(Text.class, PreferencesDialog.ID + ".webhook"), "ftp://hooks.example.com/x");
            ui.click(button("Preferences", "Apply and Close"));
            ui.waitUntil("the dialog names the bad webhook", () -> {
                Shell s = Ui.shell(ui.display(), "Preferences");
                return s != null && allText(s).contains("webhook");
            });
            ui.type(ui.widget(Text.class, PreferencesDialog.ID + ".webhook"),
                    "https://hooks.example.com/services/T000/B000/secret");
            ui.click(button("Preferences", "Apply and Close"));
            ui.waitUntil("Preferences closed", () -> Ui.shell(ui.display(), "Preferences") == null);
            try (Workspace w = workspaces.open(Fixtures.data())) {
                assertEquals("https://hooks.example.com/services/T000/B000/secret", alerts.settings(w, null)
                        .webhook());
            }
            // shown again masked: its path holds the token
            click(SeedbenchUi.MENU_WINDOW, "org.seedbench.ui.menuitem.preferences");
            Text webhook = ui.widget(Text.class, PreferencesDialog.ID + ".webhook");
            String shown = ui.syncExec(webhook::getMessage);
            assertFalse(shown.contains("secret"), shown);
            assertTrue(shown.contains("hooks.example.com"), shown);
            ui.click(button("Preferences", "Cancel"));
            ui.waitUntil("Preferences closed", () -> Ui.shell(ui.display(), "Preferences") == null);
        } finally {
            try (Workspace w = workspaces.open(Fixtures.data())) {
                alerts.configure(w, null, before);
            }
        }
    }

    private static void key(int type, int keyCode, char character) {
        Event e = new Event();
        e.type = type;
        e.keyCode = keyCode;
        e.character = character;
        ui.display().post(e);
    }

    /** The SWT items of a main menu, once it was shown (e4 fills a menu when it is about to show). */
    private static List<MenuItem> items(String menuId) {
        return ui.syncExec(() -> {
            Menu widget = submenu(menuId);
            widget.notifyListeners(SWT.Show, new Event());
            widget.notifyListeners(SWT.Hide, new Event());
            return Arrays.asList(widget.getItems());
        });
    }

    /** The main menu bar's menu of this model element (e.g. File), found by its model element or its label. */
    private static Menu submenu(String menuId) {
        Shell main = (Shell) ui.application().getChildren().get(0).getWidget();
        String label = menu(menuId).getLabel();
        for (MenuItem cascade : main.getMenuBar().getItems()) {
            Menu m = cascade.getMenu();
            if (m != null && (menuId.equals(modelId(cascade)) || menuId.equals(modelId(m))
                    || cascade.getText().equals(label))) {
                return m;
            }
        }
        throw new AssertionError("no menu " + menuId + " in the menu bar");
    }

    private static String modelId(org.eclipse.swt.widgets.Widget w) {
        Object element = w.getData("modelElement");
        return element instanceof MUIElement e ? e.getElementId() : null;
    }

    /** Clicks a main menu's item as a user does (asynchronously: it may open a modal dialog). */
    static void click(String menuId, String itemId) {
        MenuItem item = ui.syncExec(() -> items(menuId).stream().filter(i -> itemId.equals(modelId(i))).findFirst()
                .orElse(null));
        assertNotNull(item, itemId + " in " + menuId);
        assertTrue(ui.syncExec(item::isEnabled), itemId + " is enabled");
        ui.display().asyncExec(() -> item.notifyListeners(SWT.Selection, new Event()));
    }

    private static MMenu menu(String menuId) {
        MWindow window = ui.application().getChildren().get(0);
        return (MMenu) window.getMainMenu().getChildren().stream().filter(m -> m.getElementId().equals(menuId))
                .findFirst().orElseThrow();
    }

    /** The title line of a TitleAreaDialog: the bold label at the top of its area. */
    private static String titleOf(Shell shell) {
        List<String> labels = new ArrayList<>();
        collect(shell, labels);
        return labels.stream().filter(l -> l.startsWith("Seedbench ")).findFirst().orElse(null);
    }

    static String allText(Shell shell) {
        List<String> texts = new ArrayList<>();
        collect(shell, texts);
        return String.join("\n", texts);
    }

    private static void collect(Control c, List<String> out) {
        if (c instanceof org.eclipse.swt.widgets.Label l) {
            out.add(l.getText());
        } else if (c instanceof Text t) {
            out.add(t.getText());
        } else if (c instanceof org.eclipse.swt.custom.CLabel l && l.getText() != null) {
            out.add(l.getText());
        }
        if (c instanceof org.eclipse.swt.widgets.Composite parent) {
            for (Control child : parent.getChildren()) {
                collect(child, out);
            }
        }
    }
}
