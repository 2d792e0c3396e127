package org.seedbench.ui.tests.restore;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.seedbench.ui.restore.RestoreBrowser;
import org.seedbench.ui.testsupport.UiDriver;

/**
 * The restore browser the workbench opened (Restore… on a job), driven as a user would through its widgets' data
 * keys: the repository, the snapshot list, the tree (folders opened as a click on their arrow does), the search, the
 * target and the overwrite choice. Runs off the UI thread.
 */
public final class RestoreBrowserBot {
    private final UiDriver ui;
    private final Tree tree;

    /** The browser, once it shows. */
    public RestoreBrowserBot(UiDriver ui) {
        this.ui = ui;
        this.tree = ui.widget(Tree.class, RestoreBrowser.ID_TREE);
    }

    public Shell shell() {
        return ui.syncExec(tree::getShell);
    }

    public boolean isOpen() {
        return ui.syncExec(() -> !tree.isDisposed());
    }

    /** The repository read: "the staging repository" or "the vault". */
    public String from() {
        return ui.syncExec(() -> ui.find(Combo.class, RestoreBrowser.ID_FROM).getText());
    }

    /** Chooses the repository to read: the item of "From" that contains {@code which} ("staging", "vault"). */
    public void from(String which) {
        Combo combo = ui.widget(Combo.class, RestoreBrowser.ID_FROM);
        ui.run(() -> {
            for (int i = 0; i < combo.getItemCount(); i++) {
                if (combo.getItem(i).contains(which)) {
                    combo.select(i);
                    combo.notifyListeners(SWT.Selection, new Event());
                    return;
                }
            }
            throw new AssertionError("no " + which + " in " + List.of(combo.getItems()));
        });
    }

    /** The snapshot list's rows (Time, Workload, Files, Size, Snapshot), once it has one. */
    public List<List<String>> snapshots() {
        Table table = ui.widget(Table.class, RestoreBrowser.ID_SNAPSHOTS);
        ui.waitUntil("the browser lists the snapshots", () -> table.getItemCount() > 0);
        return ui.syncExec(() -> {
            List<List<String>> rows = new ArrayList<>();
            for (TableItem item : table.getItems()) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < table.getColumnCount(); c++) {
                    row.add(item.getText(c));
                }
                rows.add(row);
            }
            return rows;
        });
    }

    /** The names at the top of the tree, once the chosen snapshot is read (or the search's results). */
    public List<String> top() {
        ui.waitUntil("the browser shows the snapshot's tree", () -> tree.getItemCount() > 0);
        return ui.syncExec(() -> {
            List<String> names = new ArrayList<>();
            for (TreeItem item : tree.getItems()) {
                names.add(item.getText(0));
            }
            return names;
        });
    }

    /**
     * The row of the item at {@code path} ({@code docs/notes.txt}) as the tree shows it (Name, Size, Modified),
     * opening the folders on the way.
     */
    public List<String> browse(String path) {
        top();
        return ui.syncExec(() -> {
            TreeItem item = item(path);
            return List.of(item.getText(0), item.getText(1), item.getText(2));
        });
    }

    /** Selects the items at these paths, opening the folders on the way (in a search's results: their paths). */
    public void select(String... paths) {
        top();
        ui.run(() -> {
            TreeItem[] items = new TreeItem[paths.length];
            for (int i = 0; i < paths.length; i++) {
                items[i] = item(paths[i]);
            }
            tree.setSelection(items);
            Event e = new Event();
            e.item = items[0];
            tree.notifyListeners(SWT.Selection, e);
        });
    }

    /** Types into the search field; the tree then lists what was found, by path. */
    public void search(String text) {
        ui.type(ui.widget(Text.class, RestoreBrowser.ID_SEARCH), text);
    }

    /** What the line under the tree says will be restored. */
    public String selection() {
        return ui.syncExec(() -> ui.find(Label.class, RestoreBrowser.ID_SELECTION).getText());
    }

    public void target(String folder) {
        ui.type(ui.widget(Text.class, RestoreBrowser.ID_TARGET), folder);
    }

    /** Ticks or clears "Replace files that exist there". */
    public void overwrite(boolean replace) {
        Button box = ui.widget(Button.class, RestoreBrowser.ID_OVERWRITE);
        if (ui.syncExec(box::getSelection) != replace) {
            ui.click(box);
            ui.waitUntil("the overwrite box follows the click", () -> box.getSelection() == replace);
        }
    }

    /** The text of the original-place choice and whether it can be chosen. */
    public String originalPlace() {
        return ui.syncExec(() -> {
            Button b = ui.find(Button.class, RestoreBrowser.ID_ORIGINAL);
            return b.getText() + (b.isEnabled() ? "" : " (disabled)");
        });
    }

    public boolean canRestore() {
        return ui.syncExec(() -> ui.find(Button.class, RestoreBrowser.ID_RESTORE).isEnabled());
    }

    /** Whether a text of the dialog (its message area, its lines) contains {@code text}. */
    public boolean says(String text) {
        return ui.syncExec(() -> says(shell(), text));
    }

    private static boolean says(Composite c, String text) {
        for (Control child : c.getChildren()) {
            String shown = child instanceof Text t ? t.getText() : child instanceof Label l ? l.getText()
                    : child instanceof org.eclipse.swt.custom.CLabel cl ? cl.getText() : null;
            if (shown != null && shown.contains(text)) {
                return true;
            }
            if (child instanceof Composite inner && says(inner, text)) {
                return true;
            }
        }
        return false;
    }

    /** Presses Restore (once it is enabled) and waits for the browser to close. */
    public void restore() {
        Button restore = ui.widget(Button.class, RestoreBrowser.ID_RESTORE);
        ui.click(restore);
        ui.waitUntil("the restore browser closes", restore::isDisposed);
    }

    /** Presses Cancel and waits for the browser to close. */
    public void cancel() {
        Button cancel = ui.syncExec(() -> {
            for (Control c : ui.find(Button.class, RestoreBrowser.ID_RESTORE).getParent().getChildren()) {
                if (c instanceof Button b && Integer.valueOf(org.eclipse.jface.dialogs.IDialogConstants.CANCEL_ID)
                        .equals(b.getData())) {
                    return b;
                }
            }
            throw new AssertionError("no Cancel button");
        });
        ui.click(cancel);
        ui.waitUntil("the restore browser closes", cancel::isDisposed);
    }

    /** The item at a path, opening its folders as a click on their arrow does; on the UI thread. */
    private TreeItem item(String path) {
        TreeItem[] level = tree.getItems();
        String[] segments = path.split("/");
        if (level.length > 0 && level[0].getText(0).contains("/") && !level[0].getText(0).endsWith("/")) {
            segments = new String[] { path }; // a search's results show their paths
        }
        TreeItem found = null;
        for (int i = 0; i < segments.length; i++) {
            found = null;
            for (TreeItem candidate : level) {
                String name = candidate.getText(0);
                if (name.equals(segments[i]) || name.equals(segments[i] + "/")
                        || name.startsWith(segments[i] + "/  (")) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                List<String> names = new ArrayList<>();
                for (TreeItem t : level) {
                    names.add(t.getText(0));
                }
                throw new AssertionError("no " + segments[i] + " of " + path + " in " + names);
            }
            if (i < segments.length - 1) {
                Event e = new Event();
                e.item = found;
                tree.notifyListeners(SWT.Expand, e);
                found.setExpanded(true);
                level = found.getItems();
            }
        }
        return found;
    }
}
