package org.seedbench.ui.tests.wizards;

import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.seedbench.ui.wizards.ShippingWizard;
import org.seedbench.ui.wizards.WizardIds;

/** The "Update shipping details" wizard as a user sees it. */
public class ShippingWizardBot extends WizardBot {

    public ShippingWizardBot(Shell parent, ShippingWizard wizard) {
        super(parent, wizard);
    }

    /** The wizard the workbench opened (from its menu or the Jobs view's toolbar), by its dialog's shell. */
    public ShippingWizardBot(Shell opened) {
        super(opened);
    }

    public ShippingWizardBot carrier(String v) {
        Ui.type(Ui.find(shell(), WizardIds.SHIP_CARRIER, Combo.class), v);
        Ui.flush(display);
        return this;
    }

    private ShippingWizardBot type(String id, String v) {
        Ui.type(Ui.find(shell(), id, Text.class), v);
        Ui.flush(display);
        return this;
    }

    public ShippingWizardBot tracking(String v) {
        return type(WizardIds.SHIP_TRACKING, v);
    }

    public ShippingWizardBot returnAddress(String v) {
        return type(WizardIds.SHIP_RETURN_ADDRESS, v);
    }

    public ShippingWizardBot returnAccount(String v) {
        return type(WizardIds.SHIP_RETURN_ACCOUNT, v);
    }

    /** Ticks (or unticks) "Replace the package given before", shown when the job has a package. */
    public ShippingWizardBot replace(boolean replace) {
        org.eclipse.swt.widgets.Button box = Ui.find(shell(), WizardIds.SHIP_REPLACE, org.eclipse.swt.widgets.Button.class);
        if (box.getSelection() != replace) {
            Ui.click(box);
        }
        Ui.flush(display);
        return this;
    }

    /** Sets the ship date, as picking it in the date control does. */
    public ShippingWizardBot shipDate(java.time.LocalDate date) {
        org.eclipse.swt.widgets.DateTime control = Ui.find(shell(), WizardIds.SHIP_DATE,
                org.eclipse.swt.widgets.DateTime.class);
        control.setDate(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
        control.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        Ui.flush(display);
        return this;
    }

    public String deadline() {
        return Ui.exists(shell(), WizardIds.SHIP_DEADLINE) ? Ui.text(shell(), WizardIds.SHIP_DEADLINE) : null;
    }
}
