package org.seedbench.ui.wizards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.rules.Problem;

/**
 * The fields of a wizard page laid out in two columns (label, control), each with a message line under it.
 * The core rules name the field of each {@link Problem}; {@link #show} puts each problem's message under
 * its field and clears the others.
 */
public final class Fields {
    private final Composite parent;
    private final Map<String, Label> messages = new LinkedHashMap<>();

    /** @param parent a composite with a two-column {@code GridLayout} */
    public Fields(Composite parent) {
        this.parent = parent;
    }

    /** A composite in {@code parent} laid out in two columns, for {@link #Fields(Composite)}. */
    public static Composite twoColumns(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        return c;
    }

    /** Adds a row with a bordered text field that shows {@code hint} while it is empty; see {@link #add}. */
    public Text text(String label, String field, String id, String hint) {
        Text t = add(label, field, id, p -> new Text(p, SWT.BORDER));
        t.setMessage(hint);
        return t;
    }

    /**
     * Adds a row: the label, the control (made by {@code control} on the parent) and its message line.
     *
     * @param field the core rules' name of the field (e.g. {@code SeedRules.STORAGE_ACCOUNT})
     * @param id    the widget id of the control; the message line's is {@code id + ".message"}
     */
    public <C extends Control> C add(String label, String field, String id, java.util.function.Function<Composite, C> control) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        l.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        C c = control.apply(parent);
        WizardIds.tag(c, id);
        c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(parent, SWT.NONE);
        Label message = new Label(parent, SWT.WRAP);
        message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 420;
        // room for two lines whether or not a message shows, so the fields below never move when one appears
        gd.heightHint = MESSAGE_LINES * lineHeight(message);
        message.setLayoutData(gd);
        WizardIds.tag(message, id + WizardIds.MESSAGE);
        messages.put(field, message);
        return c;
    }

    /**
     * Shows each problem under its field (the first one per field) and clears the fields without one.
     *
     * @param touched fields the user has typed into; untouched fields keep quiet until the page is complete
     *                otherwise, so a new page does not open full of errors
     * @return the problems whose field is not one of these fields
     */
    public List<Problem> show(List<Problem> problems, java.util.Set<String> touched) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<Problem> others = new java.util.ArrayList<>();
        for (Problem p : problems) {
            if (messages.containsKey(p.field())) {
                byField.putIfAbsent(p.field(), p.message());
            } else {
                others.add(p);
            }
        }
        messages.forEach((field, label) -> {
            String text = touched == null || touched.contains(field) ? byField.getOrDefault(field, "") : "";
            if (!text.equals(label.getText())) {
                label.setText(text);
                label.setToolTipText(text.isEmpty() ? null : text); // the whole message when it wraps past its room
            }
        });
        parent.layout(true, true);
        return others;
    }

    /** The lines of room under each field for its message. */
    static final int MESSAGE_LINES = 2;

    private static int lineHeight(Control c) {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(c);
        try {
            return gc.getFontMetrics().getHeight();
        } finally {
            gc.dispose();
        }
    }

    /** The message shown under a field. */
    public String message(String field) {
        Label l = messages.get(field);
        return l == null ? "" : l.getText();
    }
}
