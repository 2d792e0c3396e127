package org.seedbench.ui.wizards;

import java.util.Locale;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.PrepareOutcome;

/**
 * The end of "Prepare drives": each drive with what was copied onto it and, once the import job exists, the
 * address of the datacenter the drives are shipped to. A run that failed or needs more drives says so.
 */
public class DrivesReadyDialog extends TitleAreaDialog {
    private final PrepareDrivesJob job;

    public DrivesReadyDialog(Shell parent, PrepareDrivesJob job) {
        super(parent);
        this.job = job;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Prepare Drives: " + job.seedingJob());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        IStatus status = job.getResult();
        PrepareDrivesJob.Result result = job.result();
        setTitle(result != null && result.importJob() != null ? "Drives ready: ship them" : "Prepare drives");
        if (status != null) {
            setMessage(status.getMessage(), status.getSeverity() == IStatus.ERROR ? IMessageProvider.ERROR
                    : status.getSeverity() == IStatus.WARNING || status.getSeverity() == IStatus.CANCEL ? IMessageProvider.WARNING
                            : IMessageProvider.INFORMATION);
            if (status.getSeverity() == IStatus.CANCEL) {
                setMessage("Cancelled. Run Prepare Drives again with the same drives: it resumes where it stopped.",
                        IMessageProvider.WARNING);
            }
        }
        if (result != null) {
            Table table = WizardIds.tag(new Table(c, SWT.BORDER | SWT.FULL_SELECTION), WizardIds.DRIVES_READY_DRIVES);
            table.setHeaderVisible(true);
            GridData td = new GridData(SWT.FILL, SWT.FILL, true, true);
            td.heightHint = 100;
            table.setLayoutData(td);
            for (String[] col : new String[][] { { "Drive", "110" }, { "Files", "60" }, { "Bytes", "90" },
                    { "Manifest", "280" } }) {
                TableColumn tc = new TableColumn(table, SWT.LEFT);
                tc.setText(col[0]);
                tc.setWidth(Integer.parseInt(col[1]));
            }
            for (PrepareOutcome.DriveCopy d : result.outcome().drives()) {
                new TableItem(table, SWT.NONE).setText(new String[] { d.serial(), String.valueOf(d.files()),
                        Sizes.decimal(d.bytes()), d.complete() ? "MD5 " + d.manifestHash().toLowerCase(Locale.ROOT)
                                : "incomplete" });
            }
            for (String note : result.notes()) {
                label(c, "Note: " + note);
            }
            if (result.importJob() != null) {
                label(c, "Ship the drives to " + result.importJob().location().displayName() + ":");
                Text address = WizardIds.tag(new Text(c, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP),
                        WizardIds.DRIVES_READY_ADDRESS);
                address.setText(result.importJob().location().shippingAddress());
                address.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
                label(c, "Enter the carrier and tracking number within " + ShippingRules.DEADLINE_DAYS
                        + " days (Job > Update Shipping Details…), or the import service deletes the job.");
            }
        }
        return area;
    }

    private static void label(Composite c, String text) {
        Label l = new Label(c, SWT.WRAP);
        l.setText(text);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 520;
        l.setLayoutData(gd);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
