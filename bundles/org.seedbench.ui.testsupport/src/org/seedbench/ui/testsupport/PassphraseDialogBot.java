package org.seedbench.ui.testsupport;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;
import org.seedbench.ui.SeedbenchUi;

/** The dialog that asks for a job's backup passphrase when secure storage does not keep it. */
public class PassphraseDialogBot {
    private final UiDriver driver;

    public PassphraseDialogBot(UiDriver driver) {
        this.driver = driver;
    }

    /**
     * Waits for the dialog, types the passphrase (in both fields when it asks twice, for a new repository), leaves
     * "keep in secure storage" as it is, and presses OK; waits for the dialog to close.
     */
    public void enter(String passphrase) {
        Text field = driver.widget(Text.class, SeedbenchUi.ID_PASSPHRASE);
        driver.type(field, passphrase);
        Text again = driver.syncExec(() -> driver.find(Text.class, SeedbenchUi.ID_PASSPHRASE + ".again"));
        if (again != null) {
            driver.type(again, passphrase);
        }
        Button ok = driver.widget(Button.class, SeedbenchUi.ID_PASSPHRASE_OK);
        driver.click(ok);
        driver.waitUntil("the passphrase dialog closes", ok::isDisposed);
    }

    /** Whether the dialog asks for the passphrase twice (a new repository). */
    public boolean asksTwice() {
        driver.widget(Text.class, SeedbenchUi.ID_PASSPHRASE);
        return driver.syncExec(() -> driver.find(Text.class, SeedbenchUi.ID_PASSPHRASE + ".again") != null);
    }
}
