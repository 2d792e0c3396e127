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

        Button button(int id) {
            return getButton(id);
        }
    }

    protected final Dialog dialog;
    protected final Display display;

    public WizardBot(Shell parent, IWizard wizard) {
        dialog = new Dialog(parent, wizard);
        dialog.open();
        display = parent.getDisplay();
        Ui.flush(display);
    }

    public Shell shell() {
        return dialog.getShell();
    }

    public boolean isOpen() {
        return dialog.getShell() != null && !dialog.getShell().isDisposed();
    }

    public boolean canFinish() {
        return dialog.button(IDialogConstants.FINISH_ID).isEnabled();
    }

    public boolean canGoNext() {
        return dialog.button(IDialogConstants.NEXT_ID).isEnabled();
    }

    public void next() {
        Ui.click(dialog.button(IDialogConstants.NEXT_ID));
        Ui.flush(display);
    }

    public void back() {
        Ui.click(dialog.button(IDialogConstants.BACK_ID));
        Ui.flush(display);
    }

    public void finish() {
        Ui.click(dialog.button(IDialogConstants.FINISH_ID));
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
