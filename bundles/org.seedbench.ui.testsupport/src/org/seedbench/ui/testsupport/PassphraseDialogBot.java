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

    /** Waits for the dialog, types the passphrase, leaves "keep in secure storage" as it is, and presses OK. */
    public void enter(String passphrase) {
        Text field = driver.widget(Text.class, SeedbenchUi.ID_PASSPHRASE);
        driver.type(field, passphrase);
        driver.click(driver.widget(Button.class, SeedbenchUi.ID_PASSPHRASE_OK));
    }
}
