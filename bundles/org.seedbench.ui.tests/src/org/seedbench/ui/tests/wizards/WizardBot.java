package org.seedbench.ui.tests.wizards;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.wizard.IWizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** A wizard opened in a dialog that does not block, with its buttons reachable; the base of the wizard page objects. */
public class WizardBot implements AutoCloseable {
    /** A wizard dialog that lets the page objects press its buttons. */
    static final class Dialog extends WizardDialog {
        Dialog(Shell parent, IWizard wizard) {
            super(parent, wizard);
            setBlockOnOpen(false);
        }
    }

    protected final WizardDialog dialog;
    protected final Display display;

    public WizardBot(Shell parent, IWizard wizard) {
        Dialog opened = new Dialog(parent, wizard);
        opened.open();
        dialog = opened;
        display = parent.getDisplay();
        Ui.flush(display);
    }

    /**
     * The page object of a wizard the workbench opened itself (from its menu or toolbar), found by its dialog's
     * shell; call on the UI thread.
     */
    protected WizardBot(Shell opened) {
        if (!(opened.getData() instanceof WizardDialog open)) {
            throw new AssertionError("the shell '" + opened.getText() + "' is not a wizard dialog");
        }
        dialog = open;
        display = opened.getDisplay();
    }

    /**
     * A button of the dialog's button bar, by its JFace id (the dialog keeps the id in the button's data); call on
     * the UI thread.
     */
    public Button button(int id) {
        Button found = find(dialog.getShell(), id);
        if (found == null) {
            throw new AssertionError("no button " + id + " in " + dialog.getShell().getText());
        }
        return found;
    }

    private static Button find(org.eclipse.swt.widgets.Composite c, int id) {
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof Button b && Integer.valueOf(id).equals(b.getData())) {
                return b;
            }
            if (child instanceof org.eclipse.swt.widgets.Composite inner) {
                Button b = find(inner, id);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    public Shell shell() {
        return dialog.getShell();
    }

    public boolean isOpen() {
        return dialog.getShell() != null && !dialog.getShell().isDisposed();
    }

    public boolean canFinish() {
        return button(IDialogConstants.FINISH_ID).isEnabled();
    }

    public boolean canGoNext() {
        return button(IDialogConstants.NEXT_ID).isEnabled();
    }

    public void next() {
        Ui.click(button(IDialogConstants.NEXT_ID));
        Ui.flush(display);
    }

    public void back() {
        Ui.click(button(IDialogConstants.BACK_ID));
        Ui.flush(display);
    }

    public void finish() {
        Ui.click(button(IDialogConstants.FINISH_ID));
        Ui.flush(display);
    }

    /** The message under a field, found by the field's widget id. */
    public String fieldMessage(String fieldId) {
        Ui.flush(display);
        return Ui.text(shell(), fieldId + org.seedbench.ui.wizards.WizardIds.MESSAGE);
    }

    /** The page's error message, or null. */
    public String errorMessage() {
        return dialog.getCurrentPage().getErrorMessage();
    }

    @Override
    public void close() {
        if (isOpen()) {
            dialog.close();
        }
    }
}
