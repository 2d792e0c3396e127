package org.seedbench.ui.parts;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.CatalogReads.JobDetails;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.Workspace;

/**
 * The Shipping view: the selected job's package (carrier, tracking number, ship date, the drives in it), where the
 * drives come back to (the return address line by line, the return carrier and account; the free text of an older
 * catalog marked as such), the datacenter's address to send it to and the deadline for the shipping details; after
 * a refresh, what the service said of the job's package: the ship-to address of the job itself, the package it
 * returned the drives in and its error.
 */
public class ShippingPart extends JobDetailsPart {
    /** The mark of a return address that is only the free text of an older catalog. */
    public static final String LEGACY_MARK = "(free text from an older catalog — enter the address again in "
            + "Update Shipping Details)";
    private final Map<String, Text> fields = new LinkedHashMap<>();
    private Composite form;
    private JobDetails shown;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    private ImportJobService importJobs;

    /** The details with what the job's connector says: the datacenter's address and the deadline. */
    private record Extra(String datacenter, Deadline deadline) {
    }

    private final Map<String, Extra> extras = new java.util.concurrent.ConcurrentHashMap<>();

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        form = new Composite(parent, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form.setLayout(new GridLayout(4, false)); // two label/field pairs a row
        field("carrier", "Carrier", false, 1);
        field("tracking", "Tracking number", false, 1);
        field("shipDate", "Ship date", false, 1);
        field("drives", "Drives in the package", false, 1);
        field("returnAddress", "Return address", true, 1);
        field("datacenter", "Ship to (datacenter)", true, 1);
        field("returnCarrier", "Return carrier", false, 1);
        field("returnPackage", "Returned in", false, 1);
        field("serviceError", "Service error", true, 3);
        field("deadline", "Shipping details", false, 3);
        started();
    }

    private void field(String key, String label, boolean multi, int span) {
        Label l = new Label(form, SWT.NONE);
        l.setText(label + ":");
        l.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        Text t = new Text(form, SWT.BORDER | SWT.READ_ONLY | (multi ? SWT.MULTI | SWT.WRAP : SWT.SINGLE));
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, span, 1);
        gd.widthHint = 200;
        if (multi) {
            gd.heightHint = (key.equals("serviceError") ? 2 : 7) * t.getLineHeight();
        }
        t.setLayoutData(gd);
        t.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_SHIPPING + "." + key);
        fields.put(key, t);
    }

    @Override
    protected JobDetails complete(JobDetails details, Workspace data) {
        ImportJobService i = importJobs;
        if (i == null) {
            return details;
        }
        String datacenter = "";
        Deadline deadline = null;
        try {
            Optional<DatacenterLocation> where = i.datacenter(data, details.job());
            datacenter = where.map(DatacenterLocation::shippingAddress).orElse("");
            deadline = i.deadline(data, details.job(), details.properties()).orElse(null);
        } catch (InvalidInputException | IOException | RuntimeException e) {
            datacenter = "(the " + details.job().connector() + " connector cannot tell now: " + e.getMessage() + ")";
        }
        extras.put(details.job().name(), new Extra(datacenter, deadline));
        return details;
    }

    @Override
    protected Control control() {
        return form;
    }

    @Override
    protected void reportChanged() {
        show(shown);
    }

    @Override
    protected void show(JobDetails details) {
        shown = details;
        Shipment s = details == null ? null : details.shipment().orElse(null);
        Extra extra = details == null ? null : extras.get(details.job().name());
        CloudJobStatus reported = reported(details);
        set("carrier", s == null ? "" : s.carrier());
        set("tracking", s == null ? "" : s.trackingNumber());
        set("shipDate", s == null || s.shipDate() == null ? "" : s.shipDate().toString());
        set("returnAddress", s == null ? "" : lines(s.returnAddress()));
        set("returnCarrier", s == null ? "" : carrier(s.returnShipping()));
        set("drives", s == null ? "" : String.join(", ", s.driveSerials()));
        set("datacenter", reported != null && reported.shipTo() != null ? reported.shipTo()
                : extra == null ? "" : extra.datacenter());
        set("returnPackage", reported == null ? "" : reported.returnPackage());
        set("serviceError", reported == null ? "" : reported.error());
        Deadline d = extra == null ? null : extra.deadline();
        set("deadline", d == null ? (s == null ? "" : "shipped")
                : DeadlineText.sentence(d, java.time.ZoneId.systemDefault()));
        fields.get("deadline").setForeground(d == null || !(d.warn() || d.expired()) ? null
                : form.getDisplay().getSystemColor(d.expired() ? SWT.COLOR_RED : SWT.COLOR_DARK_YELLOW));
    }

    /**
     * The address as on a label, a line for each part: recipient, street, city with state and postal code,
     * country, then phone and email; the free text of an older catalog under its mark when that is all there is.
     */
    public static String lines(ReturnAddress a) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        add(lines, a.recipientName());
        add(lines, a.streetAddress1());
        add(lines, a.streetAddress2());
        String region = join(" ", a.stateOrProvince(), a.postalCode());
        add(lines, join(", ", a.city(), region));
        add(lines, a.countryOrRegion() == null ? null : country(a.countryOrRegion()));
        add(lines, a.phone() == null ? null : "Phone " + a.phone());
        add(lines, a.email() == null ? null : "Email " + a.email());
        if (lines.isEmpty() && a.legacyText() != null) {
            return LEGACY_MARK + "\n" + a.legacyText();
        }
        return String.join("\n", lines);
    }

    /** The country's English name with its code, e.g. {@code Ireland (IE)}; the code alone when it is none. */
    static String country(String code) {
        String name = new java.util.Locale("", code).getDisplayCountry(java.util.Locale.ENGLISH);
        return name.isEmpty() || name.equals(code) ? code : name + " (" + code + ")";
    }

    static String carrier(ReturnShipping r) {
        if (r.carrierName() == null && r.carrierAccountNumber() == null) {
            return "";
        }
        return (r.carrierName() == null ? "(no carrier)" : r.carrierName()) + ", account "
                + (r.carrierAccountNumber() == null ? "(none)" : r.carrierAccountNumber());
    }

    private static void add(java.util.List<String> lines, String line) {
        if (line != null && !line.isEmpty()) {
            lines.add(line);
        }
    }

    private static String join(String separator, String a, String b) {
        return a == null ? b : b == null ? a : a + separator + b;
    }

    private void set(String key, String value) {
        Text t = fields.get(key);
        String v = value == null ? "" : value;
        if (!t.getText().equals(v)) {
            t.setText(v);
        }
    }

    @Focus
    public void setFocus() {
        form.setFocus();
    }
}
