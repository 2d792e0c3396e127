package org.seedbench.ui.tests.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedbench.ui.wizards.AzureSignInDialog;
import org.seedbench.ui.wizards.WizardIds;

/**
 * The device code sign-in dialog. Microsoft Entra ID cannot be reached from here, so the sign-in is a test double
 * that hands the dialog a prompt worded as Entra ID words it, then waits for the user (or a cancel).
 */
@org.junit.jupiter.api.extension.ExtendWith(OnUiThread.class)
class AzureSignInDialogTest {
    static final String PROMPT = "To sign in, use a web browser to open the page https://microsoft.com/devicelogin "
            + "and enter the code GH7KQ2XDL to authenticate.";

    Display display;
    Shell shell;

    @BeforeEach
    void open() {
        display = Display.getDefault();
        shell = new Shell(display);
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    @Test
    void showsTheCodeAndThePageThenCancels() throws Exception {
        CountDownLatch userNeverSignsIn = new CountDownLatch(1);
        AzureSignInDialog.DeviceCodeSignIn entraIdDouble = (prompt, monitor) -> {
            prompt.accept(PROMPT);
            userNeverSignsIn.await();
        };
        AzureSignInDialog dialog = new AzureSignInDialog(shell, entraIdDouble);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Ui.waitUntil(display, () -> !Ui.text(dialog.getShell(), WizardIds.SIGN_IN_CODE).isEmpty(), 10, "the code");
        assertEquals("GH7KQ2XDL", Ui.text(dialog.getShell(), WizardIds.SIGN_IN_CODE));
        assertTrue(Ui.find(dialog.getShell(), WizardIds.SIGN_IN_URL, Link.class).getText()
                .contains("https://microsoft.com/devicelogin"));
        assertEquals(PROMPT, Ui.text(dialog.getShell(), WizardIds.SIGN_IN_STATUS));

        Ui.click(cancel(dialog.getShell()));
        assertTrue(dialog.getShell() == null, "Cancel closes the dialog");
        Ui.waitUntil(display, () -> dialog.job().getResult() != null, 10, "the sign-in job to stop");
        assertEquals(IStatus.CANCEL, dialog.job().getResult().getSeverity(), "Cancel stops the sign-in");
        assertFalse(dialog.signedIn());
    }

    @Test
    void saysWhenSignedIn() throws Exception {
        AzureSignInDialog dialog = new AzureSignInDialog(shell, (prompt, monitor) -> prompt.accept(PROMPT));
        dialog.setBlockOnOpen(false);
        dialog.open();
        Ui.waitUntil(display, dialog::signedIn, 10, "the sign-in");
        Ui.flush(display);
        assertEquals("Signed in to Azure.", Ui.text(dialog.getShell(), WizardIds.SIGN_IN_STATUS));
        dialog.close();
    }

    @Test
    void parsesEntraIdsPrompt() {
        AzureSignInDialog.DeviceCode dc = AzureSignInDialog.DeviceCode.parse(PROMPT);
        assertEquals("https://microsoft.com/devicelogin", dc.url());
        assertEquals("GH7KQ2XDL", dc.code());
    }

    private static org.eclipse.swt.widgets.Button cancel(Shell shell) {
        return find(shell);
    }

    private static org.eclipse.swt.widgets.Button find(org.eclipse.swt.widgets.Composite c) {
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof org.eclipse.swt.widgets.Button b
                    && org.eclipse.jface.dialogs.IDialogConstants.CANCEL_LABEL.equals(b.getText())) {
                return b;
            }
            if (child instanceof org.eclipse.swt.widgets.Composite inner) {
                org.eclipse.swt.widgets.Button b = find(inner);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }
}
