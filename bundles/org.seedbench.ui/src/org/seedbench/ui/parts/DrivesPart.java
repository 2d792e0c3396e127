package org.seedbench.ui.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.rules.Sizes;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.CatalogReads.JobDetails;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.ImportJobView;
import org.seedbench.workflow.ImportJobView.DriveView;

/**
 * The Drives view: the selected job's drives (serial, model, media type, interface, capacity, used, encryptor, state,
 * percent copied, errors, the copy computer that prepared it and who worked on it; after a refresh the service's own
 * state and copy status of the drive, as it spells them)
 * and, for the selected drive, its log: the error log lines the import service's last report named and the drive's
 * entries in the job's event log.
 */
public class DrivesPart extends JobDetailsPart {
    /** The column with the copy computer that prepared the drive (formatted it, else added it) and who worked on it. */
    public static final String PREPARED_ON_COLUMN = "Prepared on";
    private TableViewer viewer;
    private Text log;
    private JobDetails shown;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        viewer = ViewerColumns.table(sash, SeedbenchUi.ID_DRIVES_TABLE);
        ViewerColumns.add(viewer, Drive.class, "Serial", 110, Drive::serial);
        ViewerColumns.add(viewer, Drive.class, "Model", 130, Drive::model);
        ViewerColumns.add(viewer, Drive.class, "Media", 55, Drive::mediaType);
        ViewerColumns.add(viewer, Drive.class, "Interface", 70, Drive::transport);
        ViewerColumns.add(viewer, Drive.class, "Capacity", 80, d -> Sizes.decimal(d.capacityBytes()));
        ViewerColumns.add(viewer, Drive.class, "Used", 80, d -> Sizes.decimal(d.usedBytes()));
        ViewerColumns.add(viewer, Drive.class, "Encryptor", 80, Drive::encryptor);
        ViewerColumns.add(viewer, Drive.class, "State", 120, d -> d.state().label());
        ViewerColumns.add(viewer, Drive.class, "Copied", 60, d -> d.percentCopied() + "%");
        ViewerColumns.add(viewer, Drive.class, "Service state", 120, d -> reported(d.serial())
                .map(DriveStatus::stateText).orElse(""));
        ViewerColumns.add(viewer, Drive.class, "Copy status", 100, d -> reported(d.serial())
                .map(DriveStatus::copyStatus).orElse(""));
        ViewerColumns.add(viewer, Drive.class, "Errors", 60, d -> {
            int n = errors(d.serial()).size();
            return n == 0 ? "" : Integer.toString(n);
        }, d -> errors(d.serial()).isEmpty() ? null : viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_RED));
        ViewerColumns.add(viewer, Drive.class, PREPARED_ON_COLUMN, 130, d -> shown == null ? ""
                : CatalogReads.computer(CatalogReads.preparedBy(d.serial(), shown.events())));
        TripCells.drives(viewer);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(List.of());
        viewer.addSelectionChangedListener(e -> showLog());
        log = new Text(sash, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        log.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_DRIVE_LOG);
        sash.setWeights(3, 1);
        started();
    }

    @Override
    protected void reportChanged() {
        viewer.refresh();
        ViewerColumns.fit(viewer);
        showLog();
    }

    private List<String> errors(String serial) {
        ImportJobView r = lastReport();
        if (r == null || shown == null || !r.jobName().equals(shown.job().name())) {
            return List.of();
        }
        return r.drives().stream().filter(d -> d.serial().equals(serial)).findFirst().map(DriveView::errors)
                .orElse(List.of());
    }

    /** The drive as the service last reported it, when the last report is of the job shown. */
    private Optional<DriveStatus> reported(String serial) {
        CloudJobStatus status = reported(shown);
        return status == null ? Optional.empty()
                : status.drives().stream().filter(d -> d.serial().equals(serial)).findFirst();
    }

    @Override
    protected Control control() {
        return viewer == null ? null : viewer.getControl();
    }

    @Override
    protected void show(JobDetails details) {
        shown = details;
        String selected = viewer.getStructuredSelection().getFirstElement() instanceof Drive d ? d.serial() : null;
        List<Drive> drives = details == null ? List.of() : details.drives();
        viewer.setInput(drives);
        ViewerColumns.fit(viewer);
        drives.stream().filter(d -> d.serial().equals(selected)).findFirst()
                .ifPresent(d -> viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(d)));
        showLog();
    }

    private void showLog() {
        if (!(viewer.getStructuredSelection().getFirstElement() instanceof Drive d) || shown == null) {
            log.setText("");
            return;
        }
        List<String> lines = new ArrayList<>();
        List<String> errors = errors(d.serial());
        if (!errors.isEmpty()) {
            lines.add("Error log of " + d.serial() + ":");
            errors.forEach(e -> lines.add("  " + e));
        }
        for (JobEvent e : shown.events()) {
            if (e.detail() != null && e.detail().contains(d.serial())) {
                lines.add(String.format(Locale.ROOT, "%s  %-14s %s", EventsPart.time(e.time()), e.kind(), e.detail()));
            }
        }
        Map<String, String> p = shown.properties();
        String spec = p.get(DrivePreparationService.PROP_DRIVE_SPEC + d.serial());
        if (spec != null) {
            lines.add("attached as " + spec);
        }
        log.setText(String.join("\n", lines));
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
