package org.seedbench.ui.tests.wizards;

import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.ui.wizards.ShippingWizard;
import org.seedbench.ui.wizards.WizardIds;

/** The "Update shipping details" wizard as a user sees it. */
public class ShippingWizardBot extends WizardBot {
    /** A complete return address, as an admin in Dublin enters it. */
    public static final ReturnAddress CONTOSO = new ReturnAddress("Contoso IT", "1 Main Street", null, "Dublin", null,
            "D02 X285", "IE", "+353 1 555 0100", "it@contoso.com");

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
        Ui.type(Ui.find(shell(), id, Text.class), v == null ? "" : v);
        Ui.flush(display);
        return this;
    }

    public ShippingWizardBot tracking(String v) {
        return type(WizardIds.SHIP_TRACKING, v);
    }

    /** Fills every field of the return address (an empty one for each null part). */
    public ShippingWizardBot returnAddress(ReturnAddress a) {
        return recipient(a.recipientName()).street1(a.streetAddress1()).street2(a.streetAddress2()).city(a.city())
                .stateOrProvince(a.stateOrProvince()).postalCode(a.postalCode()).country(a.countryOrRegion())
                .phone(a.phone()).email(a.email());
    }

    public ShippingWizardBot recipient(String v) {
        return type(WizardIds.SHIP_RETURN_RECIPIENT, v);
    }

    public ShippingWizardBot street1(String v) {
        return type(WizardIds.SHIP_RETURN_STREET1, v);
    }

    public ShippingWizardBot street2(String v) {
        return type(WizardIds.SHIP_RETURN_STREET2, v);
    }

    public ShippingWizardBot city(String v) {
        return type(WizardIds.SHIP_RETURN_CITY, v);
    }

    public ShippingWizardBot stateOrProvince(String v) {
        return type(WizardIds.SHIP_RETURN_STATE, v);
    }

    public ShippingWizardBot postalCode(String v) {
        return type(WizardIds.SHIP_RETURN_POSTAL_CODE, v);
    }

    /** Chooses the country by its ISO code (e.g. {@code IE}); null or empty chooses none. */
    public ShippingWizardBot country(String code) {
        Combo combo = Ui.find(shell(), WizardIds.SHIP_RETURN_COUNTRY, Combo.class);
        if (code == null || code.isEmpty()) {
            combo.select(0);
            combo.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        } else {
            Ui.choose(combo, "(" + code + ")");
        }
        Ui.flush(display);
        return this;
    }

    public ShippingWizardBot phone(String v) {
        return type(WizardIds.SHIP_RETURN_PHONE, v);
    }

    public ShippingWizardBot email(String v) {
        return type(WizardIds.SHIP_RETURN_EMAIL, v);
    }

    public ShippingWizardBot returnCarrier(String v) {
        Ui.type(Ui.find(shell(), WizardIds.SHIP_RETURN_CARRIER, Combo.class), v);
        Ui.flush(display);
        return this;
    }

    /** What the country field shows (e.g. {@code Ireland (IE)}). */
    public String country() {
        return Ui.text(shell(), WizardIds.SHIP_RETURN_COUNTRY);
    }

    /** A return address field's text, by its widget id. */
    public String field(String id) {
        return Ui.text(shell(), id);
    }

    /** The free-text address of an older catalog shown above the fields, or null when none is shown. */
    public String legacyText() {
        return Ui.exists(shell(), WizardIds.SHIP_RETURN_LEGACY) ? Ui.text(shell(), WizardIds.SHIP_RETURN_LEGACY)
                : null;
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
