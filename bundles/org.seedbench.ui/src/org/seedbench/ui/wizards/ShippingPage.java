package org.seedbench.ui.wizards;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.ReturnRules;
import org.seedbench.core.rules.ShippingRules;

/**
 * The shipping details of a job's package and where the datacenter sends its drives back, checked by
 * {@link ShippingRules} and {@link ReturnRules} as they are typed. The return address has the import services'
 * fields; a job recorded with a free-text address shows that text, read-only, until the fields are filled. The
 * return details start as the job has them, whether or not a package was given yet.
 */
class ShippingPage extends WizardPage {
    static final String SHIP_DATE = ShippingRules.SHIP_DATE;
    static final String LEGACY_NOTE = "From an older catalog — enter the address in the fields";
    static final String[] CARRIERS = { "FedEx", "UPS", "DHL", "TNT", "Blue Dart" };

    private final String jobName;
    private final List<String> jobSerials;
    private final List<String> otherTracking;
    private final List<String> otherSerials;
    private final Shipment current;
    private final ReturnDetails returns;
    private final ShippingRules.Deadline deadline;
    private final Set<String> touched = new HashSet<>();
    private Fields fields;
    private Fields returnFields;
    private Combo carrier;
    private Text tracking;
    private DateTime date;
    private Text recipient;
    private Text street1;
    private Text street2;
    private Text city;
    private Text state;
    private Text postalCode;
    private Combo country;
    private final List<String> countryCodes = new ArrayList<>();
    private Text phone;
    private Text email;
    private Combo returnCarrier;
    private Text returnAccount;
    private Table drives;
    private Button replace;
    private List<Problem> refused = List.of();

    ShippingPage(String jobName, List<String> jobSerials, List<String> otherTracking, List<String> otherSerials,
            Shipment current, ReturnDetails returns, ShippingRules.Deadline deadline) {
        super("shipping");
        this.jobName = jobName;
        this.jobSerials = jobSerials;
        this.otherTracking = otherTracking;
        this.otherSerials = otherSerials;
        this.current = current;
        this.returns = returns;
        this.deadline = deadline;
        setTitle("Shipping details of " + jobName);
        setDescription("The carrier that takes the drives to the datacenter, and where they come back to.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = Fields.twoColumns(parent);
        if (deadline != null) {
            Label d = WizardIds.tag(new Label(c, SWT.WRAP), WizardIds.SHIP_DEADLINE);
            d.setText(org.seedbench.ui.parts.DeadlineText.sentence(deadline, java.time.ZoneId.systemDefault()));
            d.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
            if (deadline.warn() || deadline.expired()) {
                d.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            }
        }
        fields = new Fields(c);
        carrier = fields.add("&Carrier:", ShippingRules.CARRIER, WizardIds.SHIP_CARRIER, p -> new Combo(p, SWT.DROP_DOWN));
        carrier.setItems(CARRIERS);
        tracking = fields.add("&Tracking number:", ShippingRules.TRACKING, WizardIds.SHIP_TRACKING,
                p -> new Text(p, SWT.BORDER));
        date = fields.add("Ship &date:", SHIP_DATE, WizardIds.SHIP_DATE, p -> new DateTime(p, SWT.DATE | SWT.DROP_DOWN));
        drives = fields.add("Drives in the package:", ShippingRules.DRIVES, WizardIds.SHIP_DRIVES,
                p -> new Table(p, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL));
        ((GridData) drives.getLayoutData()).heightHint = 70;
        if (current != null) {
            replace = fields.add("", ShippingRules.PACKAGE, WizardIds.SHIP_REPLACE, p -> new Button(p, SWT.CHECK));
            replace.setText("&Replace the package given before: " + ShippingRules.describe(current));
            replace.addListener(SWT.Selection, e -> changed(ShippingRules.PACKAGE));
        }
        createReturn(c);
        List<String> inPackage = current == null || current.driveSerials().isEmpty() ? jobSerials
                : current.driveSerials();
        for (String serial : jobSerials) {
            TableItem item = new TableItem(drives, SWT.NONE);
            item.setText(serial);
            item.setChecked(inPackage.contains(serial));
        }
        if (current != null) {
            carrier.setText(nonNull(current.carrier()));
            tracking.setText(nonNull(current.trackingNumber()));
            if (current.shipDate() != null) {
                date.setDate(current.shipDate().getYear(), current.shipDate().getMonthValue() - 1,
                        current.shipDate().getDayOfMonth());
            }
        }
        showReturn(returns.address(), returns.shipping());
        carrier.addModifyListener(e -> changed(ShippingRules.CARRIER));
        tracking.addModifyListener(e -> changed(ShippingRules.TRACKING));
        listen(recipient, ReturnRules.RECIPIENT_NAME);
        listen(street1, ReturnRules.STREET_ADDRESS_1);
        listen(street2, ReturnRules.STREET_ADDRESS_2);
        listen(city, ReturnRules.CITY);
        listen(state, ReturnRules.STATE_OR_PROVINCE);
        listen(postalCode, ReturnRules.POSTAL_CODE);
        country.addListener(SWT.Selection, e -> changed(ReturnRules.COUNTRY_OR_REGION));
        listen(phone, ReturnRules.PHONE);
        listen(email, ReturnRules.EMAIL);
        returnCarrier.addModifyListener(e -> changed(ReturnRules.RETURN_CARRIER));
        listen(returnAccount, ReturnRules.RETURN_CARRIER_ACCOUNT);
        drives.addListener(SWT.Selection, e -> changed(ShippingRules.DRIVES));
        date.addListener(SWT.Selection, e -> changed(SHIP_DATE));
        setControl(c);
        validate();
    }

    /**
     * The return address (its fields, and above them the free text of an older catalog when that is all the job
     * has) and the return carrier, in a group of their own: the carrier that takes the package to the datacenter
     * is not the one that brings the drives back.
     */
    private void createReturn(Composite c) {
        Group group = new Group(c, SWT.NONE);
        group.setText("Where the drives come back to");
        group.setLayout(new org.eclipse.swt.layout.GridLayout(2, false));
        group.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        String legacy = legacyOnly(returns.address());
        if (legacy != null) {
            Label note = new Label(group, SWT.WRAP);
            note.setText(LEGACY_NOTE + ":");
            note.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
            Text text = WizardIds.tag(new Text(group, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.READ_ONLY),
                    WizardIds.SHIP_RETURN_LEGACY);
            text.setText(legacy);
            GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
            gd.heightHint = 2 * text.getLineHeight();
            gd.widthHint = 420;
            text.setLayoutData(gd);
        }
        returnFields = new Fields(group);
        recipient = returnFields.text("Recipient &name:", ReturnRules.RECIPIENT_NAME, WizardIds.SHIP_RETURN_RECIPIENT,
                "person or team");
        street1 = returnFields.text("Street address &1:", ReturnRules.STREET_ADDRESS_1, WizardIds.SHIP_RETURN_STREET1,
                "street and number");
        street2 = returnFields.text("Street address &2:", ReturnRules.STREET_ADDRESS_2, WizardIds.SHIP_RETURN_STREET2,
                "optional");
        city = returnFields.text("C&ity:", ReturnRules.CITY, WizardIds.SHIP_RETURN_CITY, "");
        state = returnFields.text("State or pro&vince:", ReturnRules.STATE_OR_PROVINCE, WizardIds.SHIP_RETURN_STATE,
                "optional");
        postalCode = returnFields.text("&Postal code:", ReturnRules.POSTAL_CODE, WizardIds.SHIP_RETURN_POSTAL_CODE,
                "");
        country = returnFields.add("Co&untry or region:", ReturnRules.COUNTRY_OR_REGION, WizardIds.SHIP_RETURN_COUNTRY,
                p -> new Combo(p, SWT.DROP_DOWN | SWT.READ_ONLY));
        fillCountries();
        phone = returnFields.text("P&hone:", ReturnRules.PHONE, WizardIds.SHIP_RETURN_PHONE, "called about the drives");
        email = returnFields.text("&Email:", ReturnRules.EMAIL, WizardIds.SHIP_RETURN_EMAIL, "it@contoso.com");
        returnCarrier = returnFields.add("Return carri&er:", ReturnRules.RETURN_CARRIER, WizardIds.SHIP_RETURN_CARRIER,
                p -> new Combo(p, SWT.DROP_DOWN));
        returnCarrier.setItems(CARRIERS);
        returnAccount = returnFields.text("Return carrier &account:", ReturnRules.RETURN_CARRIER_ACCOUNT,
                WizardIds.SHIP_RETURN_ACCOUNT, "your account number with the return carrier");
    }

    /** The free text of an address that has nothing else, or null. */
    private static String legacyOnly(ReturnAddress a) {
        return a.legacyText() != null && ReturnAddress.legacy(a.legacyText()).equals(a) ? a.legacyText() : null;
    }

    /** The ISO 3166-1 countries by their English names, each shown as "Name (CC)", after an empty choice. */
    private void fillCountries() {
        record Country(String code, String name) {
        }
        List<Country> all = new ArrayList<>();
        for (String code : java.util.Locale.getISOCountries()) {
            all.add(new Country(code, new java.util.Locale("", code).getDisplayCountry(java.util.Locale.ENGLISH)));
        }
        all.sort(java.util.Comparator.comparing(Country::name));
        country.add("");
        countryCodes.add("");
        for (Country k : all) {
            country.add(k.name() + " (" + k.code() + ")");
            countryCodes.add(k.code());
        }
        country.select(0);
        country.setVisibleItemCount(20);
    }

    private void showReturn(ReturnAddress a, ReturnShipping r) {
        recipient.setText(nonNull(a.recipientName()));
        street1.setText(nonNull(a.streetAddress1()));
        street2.setText(nonNull(a.streetAddress2()));
        city.setText(nonNull(a.city()));
        state.setText(nonNull(a.stateOrProvince()));
        postalCode.setText(nonNull(a.postalCode()));
        int at = a.countryOrRegion() == null ? -1 : countryCodes.indexOf(a.countryOrRegion());
        country.select(Math.max(at, 0));
        phone.setText(nonNull(a.phone()));
        email.setText(nonNull(a.email()));
        returnCarrier.setText(nonNull(r.carrierName()));
        returnAccount.setText(nonNull(r.carrierAccountNumber()));
    }

    private void listen(Text text, String field) {
        text.addModifyListener(e -> changed(field));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private void changed(String field) {
        touched.add(field);
        refused = List.of();
        validate();
    }

    Shipment shipment() {
        List<String> serials = new ArrayList<>();
        for (TableItem item : drives.getItems()) {
            if (item.getChecked()) {
                serials.add(item.getText());
            }
        }
        return new Shipment(jobName, carrier.getText().strip(), tracking.getText().strip(),
                LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay()), serials, returnAddress(),
                new ReturnShipping(returnCarrier.getText(), returnAccount.getText()));
    }

    /** The address as the fields give it (the free text of an older catalog is not carried on). */
    private ReturnAddress returnAddress() {
        int selected = country.getSelectionIndex();
        return new ReturnAddress(recipient.getText(), street1.getText(), street2.getText(), city.getText(),
                state.getText(), postalCode.getText(), selected < 0 ? null : countryCodes.get(selected),
                phone.getText(), email.getText());
    }

    /** What the service refused on Finish: shown under the fields, whether typed into or not. */
    void refused(List<Problem> problems) {
        refused = problems;
        touched.addAll(problems.stream().map(Problem::field).toList());
        validate();
    }

    /** Whether the admin said that this package replaces the one given before. */
    boolean replace() {
        return replace != null && replace.getSelection();
    }

    void validate() {
        Shipment s = shipment();
        List<Problem> problems = new ArrayList<>(refused);
        problems.addAll(ShippingRules.checkShipment(s, jobSerials, otherTracking, otherSerials));
        problems.addAll(ShippingRules.checkShipDate(s.shipDate(), LocalDate.now(java.time.ZoneOffset.UTC)));
        if (current != null) {
            List<Problem> replacing = ShippingRules.checkReplace(current, s, replace());
            problems.addAll(replacing);
            if (!replacing.isEmpty()) {
                touched.add(ShippingRules.PACKAGE);
            }
        }
        if (s.driveSerials().isEmpty()) {
            problems.add(new Problem(ShippingRules.DRIVES, null, "none chosen", "the drives in this package"));
        }
        problems.addAll(ReturnRules.check(s.returnAddress()));
        problems.addAll(ReturnRules.check(s.returnShipping()));
        if (deadline != null && deadline.expired()) {
            problems.add(new Problem("shipping deadline", null, deadline.describe(), "a new job for these drives"));
        }
        List<Problem> unplaced = returnFields.show(fields.show(problems, touched), touched);
        Problem shown = problems.stream().filter(p -> touched.contains(p.field())).findFirst()
                .orElse(unplaced.isEmpty() ? null : unplaced.get(0));
        setErrorMessage(shown == null ? null : shown.message());
        setPageComplete(problems.isEmpty());
    }
}
