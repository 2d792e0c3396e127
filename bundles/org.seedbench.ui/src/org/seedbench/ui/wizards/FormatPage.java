package org.seedbench.ui.wizards;

import java.util.List;
import java.util.Set;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The format confirmation: names every drive that will be formatted (a drive of an earlier run is not formatted
 * again) and goes on only when the admin confirms.
 */
class FormatPage extends WizardPage {
    private final DrivesPage drives;
    private final Set<String> alreadyFormatted;
    private org.eclipse.swt.widgets.List list;
    private Button confirm;
    private Label intro;
    private List<PrepareDrivesJob.DriveChoice> toFormat = List.of();

    FormatPage(DrivesPage drives, Set<String> alreadyFormatted) {
        super("format");
        this.drives = drives;
        this.alreadyFormatted = alreadyFormatted;
        setTitle("Format the drives");
        setDescription("Formatting erases everything on a drive.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        intro = WizardIds.tag(new Label(c, SWT.WRAP), WizardIds.PREPARE_FORMAT_INTRO);
        intro.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        list = WizardIds.tag(new org.eclipse.swt.widgets.List(c, SWT.BORDER | SWT.V_SCROLL), WizardIds.PREPARE_FORMAT_LIST);
        GridData ld = new GridData(SWT.FILL, SWT.FILL, true, true);
        ld.heightHint = 100;
        list.setLayoutData(ld);
        confirm = WizardIds.tag(new Button(c, SWT.CHECK), WizardIds.PREPARE_FORMAT_CONFIRM);
        confirm.setText("&Format and encrypt the drives listed above, erasing everything on them");
        confirm.addListener(SWT.Selection, e -> validate());
        setControl(c);
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible) {
            toFormat = drives.chosen().stream().filter(d -> !alreadyFormatted.contains(d.serial())).toList();
            list.setItems(toFormat.stream().map(d -> d.serial() + ": " + d.description()).toArray(String[]::new));
            intro.setText(toFormat.isEmpty() ? "No drive needs formatting: every chosen drive was prepared in an "
                    + "earlier run, whose copy resumes." : toFormat.size() == 1 ? "This drive is formatted and "
                            + "encrypted:" : "These " + toFormat.size() + " drives are formatted and encrypted:");
            confirm.setSelection(false);
            confirm.setEnabled(!toFormat.isEmpty());
            validate();
            intro.getParent().layout(true, true);
        }
        super.setVisible(visible);
    }

    private void validate() {
        boolean ok = toFormat.isEmpty() || confirm.getSelection();
        setErrorMessage(null);
        setMessage(ok ? null : "Confirm that the drives listed may be formatted.", WARNING);
        setPageComplete(ok);
    }

    Set<String> confirmedSerials() {
        return confirm.getSelection() ? Set.copyOf(toFormat.stream().map(PrepareDrivesJob.DriveChoice::serial).toList())
                : Set.of();
    }
}
