package org.seedbench.ui.p2;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.function.Predicate;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

/** Finding the Install Plugins dialog's widgets (SWT directly; SWTBot is not on Maven Central) and waiting on its jobs. */
final class Widgets {

    private Widgets() {
    }

    /** The first widget of {@code type} under {@code parent} that {@code which} accepts, or {@code null}. */
    static <T extends Control> T find(Composite parent, Class<T> type, Predicate<T> which) {
        for (Control c : parent.getChildren()) {
            if (type.isInstance(c) && which.test(type.cast(c))) {
                return type.cast(c);
            }
            if (c instanceof Composite child) {
                T found = find(child, type, which);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The widget the dialog marks with {@code key} (its {@link InstallPluginsDialog#KEY} data). */
    static <T extends Control> T keyed(Composite parent, Class<T> type, String key) {
        T found = find(parent, type, c -> key.equals(c.getData(InstallPluginsDialog.KEY)));
        assertNotNull(found, "no widget " + key);
        return found;
    }

    /** The button labelled {@code label} (mnemonics left out). */
    static Button button(Composite parent, String label) {
        Button found = find(parent, Button.class, b -> b.getText().replace("&", "").equals(label));
        assertNotNull(found, "no button " + label);
        return found;
    }

    /** The texts of the labels under {@code parent}, e.g. a message dialog's message. */
    static String labels(Composite parent) {
        StringBuilder b = new StringBuilder();
        find(parent, Label.class, l -> {
            b.append(l.getText()).append(' ');
            return false;
        });
        return b.toString();
    }

    /** Waits for the dialog's jobs, then runs what they handed to the UI thread. */
    static void settle(Display display) {
        try {
            Job.getJobManager().join(InstallPluginsDialog.FAMILY, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while (display.readAndDispatch()) {
            // run what the jobs handed to the UI thread
        }
    }
}
