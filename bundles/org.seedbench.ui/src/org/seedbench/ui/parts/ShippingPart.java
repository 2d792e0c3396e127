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
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.CatalogReads.JobDetails;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.Workspace;

/**
 * The Shipping view: the selected job's package (carrier, tracking number, ship date, return address, the drives in
 * it), the datacenter's address to send it to and the deadline for the shipping details.
 */
public class ShippingPart extends JobDetailsPart {
    private final Map<String, Text> fields = new LinkedHashMap<>();
    private Composite form;

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
            gd.heightHint = 5 * t.getLineHeight();
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
    protected void show(JobDetails details) {
        Shipment s = details == null ? null : details.shipment().orElse(null);
        Extra extra = details == null ? null : extras.get(details.job().name());
        set("carrier", s == null ? "" : s.carrier());
        set("tracking", s == null ? "" : s.trackingNumber());
        set("shipDate", s == null || s.shipDate() == null ? "" : s.shipDate().toString());
        set("returnAddress", s == null ? "" : s.returnAddress().oneLine());
        set("drives", s == null ? "" : String.join(", ", s.driveSerials()));
        set("datacenter", extra == null ? "" : extra.datacenter());
        Deadline d = extra == null ? null : extra.deadline();
        set("deadline", d == null ? (s == null ? "" : "shipped") : d.describe());
        fields.get("deadline").setForeground(d == null || !(d.warn() || d.expired()) ? null
                : form.getDisplay().getSystemColor(d.expired() ? SWT.COLOR_RED : SWT.COLOR_DARK_YELLOW));
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
