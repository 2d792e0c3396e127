package org.seedbench.ui.tests.wizards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.seedbench.ui.wizards.WizardIds;

/**
 * Drives SWT widgets the way a user does (typing fires Modify, clicking fires Selection), finds them by their
 * {@value WizardIds#KEY} data, and waits by running the event loop (woken by a timer, never by sleeping).
 */
public final class Ui {
    private Ui() {
    }

    /** The control tagged {@code id} under {@code root}. */
    public static <C extends Control> C find(Composite root, String id, Class<C> type) {
        List<Control> found = new ArrayList<>();
        collect(root, id, found);
        if (found.isEmpty()) {
            throw new AssertionError("no widget tagged " + id + " in " + root);
        }
        return type.cast(found.get(0));
    }

    public static boolean exists(Composite root, String id) {
        List<Control> found = new ArrayList<>();
        collect(root, id, found);
        return !found.isEmpty();
    }

    private static void collect(Control c, String id, List<Control> found) {
        if (id.equals(c.getData(WizardIds.KEY))) {
            found.add(c);
        }
        if (c instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, id, found);
            }
        }
    }

    public static void type(Text text, String value) {
        text.setFocus();
        text.setText(value);
    }

    public static void type(Combo combo, String value) {
        combo.setText(value);
        combo.notifyListeners(SWT.Modify, new Event());
    }

    /** Chooses the item of a read-only combo that contains {@code part}. */
    public static void choose(Combo combo, String part) {
        for (int i = 0; i < combo.getItemCount(); i++) {
            if (combo.getItem(i).contains(part)) {
                combo.select(i);
                combo.notifyListeners(SWT.Modify, new Event());
                combo.notifyListeners(SWT.Selection, new Event());
                return;
            }
        }
        throw new AssertionError("no item with " + part + " in " + List.of(combo.getItems()));
    }

    public static void click(Button button) {
        if (!button.isEnabled()) {
            throw new AssertionError("button " + button.getText() + " is disabled");
        }
        if ((button.getStyle() & (SWT.CHECK | SWT.RADIO)) != 0) {
            button.setSelection(!button.getSelection());
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    public static void check(Table table, TableItem item, boolean checked) {
        item.setChecked(checked);
        Event e = new Event();
        e.detail = SWT.CHECK;
        e.item = item;
        table.notifyListeners(SWT.Selection, e);
    }

    public static String text(Composite root, String id) {
        Control c = find(root, id, Control.class);
        if (c instanceof Label l) {
            return l.getText();
        }
        if (c instanceof Text t) {
            return t.getText();
        }
        if (c instanceof Combo co) {
            return co.getText();
        }
        throw new AssertionError(id + " has no text: " + c);
    }

    /** Runs the event loop until {@code condition} holds; fails after {@code seconds}. */
    public static void waitUntil(Display display, BooleanSupplier condition, int seconds, String what) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + seconds + " s for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> {
                });
                display.sleep();
            }
        }
    }

    /** Lets pending UI work (layout, paint, asyncExec) run. */
    public static void flush(Display display) {
        while (display.readAndDispatch()) {
            // dispatch what is queued
        }
    }

    /** The shell whose title contains {@code title}, or null. */
    public static Shell shell(Display display, String title) {
        for (Shell s : display.getShells()) {
            if (!s.isDisposed() && s.isVisible() && s.getText().contains(title)) {
                return s;
            }
        }
        return null;
    }

    /** Where this test bundle's screenshots go: {@code target/screenshots} of the bundle. */
    public static Path screenshotFolder() {
        String given = System.getProperty("seedbench.screenshots");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        // tycho-surefire runs in target/work
        Path target = dir.getFileName().toString().equals("work") && dir.getParent() != null ? dir.getParent()
                : dir.resolve("target");
        return target.resolve("screenshots");
    }

    /** Writes a PNG of the shell as it is drawn now. */
    public static Path screenshot(Shell shell, String name) throws IOException {
        flush(shell.getDisplay());
        Point size = shell.getSize();
        Image image = new Image(shell.getDisplay(), size.x, size.y);
        GC gc = new GC(image);
        try {
            shell.print(gc);
        } finally {
            gc.dispose();
        }
        try {
            Path folder = Files.createDirectories(screenshotFolder());
            Path file = folder.resolve(name + ".png");
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } finally {
            image.dispose();
        }
    }
}
