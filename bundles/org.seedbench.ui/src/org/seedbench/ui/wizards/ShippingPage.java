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
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.workflow.ImportJobService;

/** The shipping details of a job's package, checked by {@link ShippingRules} as they are typed. */
class ShippingPage extends WizardPage {
    static final String SHIP_DATE = ShippingRules.SHIP_DATE;

    private final String jobName;
    private final List<String> jobSerials;
    private final List<String> otherTracking;
    private final List<String> otherSerials;
    private final Shipment current;
    private final ShippingRules.Deadline deadline;
    private final Set<String> touched = new HashSet<>();
    private Fields fields;
    private Combo carrier;
    private Text tracking;
    private DateTime date;
    private Text returnAddress;
    private Text returnAccount;
    private Table drives;
    private Button replace;
    private List<Problem> refused = List.of();

    ShippingPage(String jobName, List<String> jobSerials, List<String> otherTracking, List<String> otherSerials,
            Shipment current, ShippingRules.Deadline deadline) {
        super("shipping");
        this.jobName = jobName;
        this.jobSerials = jobSerials;
        this.otherTracking = otherTracking;
        this.otherSerials = otherSerials;
        this.current = current;
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
            d.setText(deadline.describe() + " (due " + deadline.due() + ")");
            d.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
            if (deadline.warn() || deadline.expired()) {
                d.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            }
        }
        fields = new Fields(c);
        carrier = fields.add("&Carrier:", ShippingRules.CARRIER, WizardIds.SHIP_CARRIER, p -> new Combo(p, SWT.DROP_DOWN));
        carrier.setItems("FedEx", "UPS", "DHL", "TNT", "Blue Dart");
        tracking = fields.add("&Tracking number:", ShippingRules.TRACKING, WizardIds.SHIP_TRACKING,
                p -> new Text(p, SWT.BORDER));
        date = fields.add("Ship &date:", SHIP_DATE, WizardIds.SHIP_DATE, p -> new DateTime(p, SWT.DATE | SWT.DROP_DOWN));
        returnAddress = fields.add("&Return address:", ImportJobService.RETURN_ADDRESS, WizardIds.SHIP_RETURN_ADDRESS,
                p -> new Text(p, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL));
        ((GridData) returnAddress.getLayoutData()).heightHint = 60;
        returnAccount = fields.add("Return carrier &account:", ImportJobService.RETURN_CARRIER_ACCOUNT,
                WizardIds.SHIP_RETURN_ACCOUNT, p -> new Text(p, SWT.BORDER));
        drives = fields.add("Drives in the package:", ShippingRules.DRIVES, WizardIds.SHIP_DRIVES,
                p -> new Table(p, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL));
        ((GridData) drives.getLayoutData()).heightHint = 70;
        if (current != null) {
            replace = fields.add("", ShippingRules.PACKAGE, WizardIds.SHIP_REPLACE, p -> new Button(p, SWT.CHECK));
            replace.setText("&Replace the package given before: " + ShippingRules.describe(current));
            replace.addListener(SWT.Selection, e -> changed(ShippingRules.PACKAGE));
        }
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
            returnAddress.setText(current.returnAddress().oneLine());
            returnAccount.setText(nonNull(current.returnCarrierAccount()));
            if (current.shipDate() != null) {
                date.setDate(current.shipDate().getYear(), current.shipDate().getMonthValue() - 1,
                        current.shipDate().getDayOfMonth());
            }
        }
        carrier.addModifyListener(e -> changed(ShippingRules.CARRIER));
        tracking.addModifyListener(e -> changed(ShippingRules.TRACKING));
        returnAddress.addModifyListener(e -> changed(ImportJobService.RETURN_ADDRESS));
        returnAccount.addModifyListener(e -> changed(ImportJobService.RETURN_CARRIER_ACCOUNT));
        drives.addListener(SWT.Selection, e -> changed(ShippingRules.DRIVES));
        date.addListener(SWT.Selection, e -> changed(SHIP_DATE));
        setControl(c);
        validate();
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
                LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay()), serials,
                returnAddress.getText().strip(), returnAccount.getText().strip());
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
        if (s.returnAddress().isEmpty()) {
            problems.add(new Problem(ImportJobService.RETURN_ADDRESS, null, "is missing",
                    "where the datacenter sends the drives back"));
        }
        if (s.returnCarrierAccount() == null) {
            problems.add(new Problem(ImportJobService.RETURN_CARRIER_ACCOUNT, null, "is missing",
                    "your account number with the carrier that ships the drives back"));
        }
        if (deadline != null && deadline.expired()) {
            problems.add(new Problem("shipping deadline", null, deadline.describe(), "a new job for these drives"));
        }
        List<Problem> unplaced = fields.show(problems, touched);
        Problem shown = problems.stream().filter(p -> touched.contains(p.field())).findFirst()
                .orElse(unplaced.isEmpty() ? null : unplaced.get(0));
        setErrorMessage(shown == null ? null : shown.message());
        setPageComplete(problems.isEmpty());
    }
}
