package org.seedbench.ui.tests.wizards;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.seedbench.ui.wizards.PrepareDrivesWizard;
import org.seedbench.ui.wizards.WizardIds;

/** The "Prepare drives" wizard as a user sees it. */
public class PrepareDrivesWizardBot extends WizardBot {
    /** A row of the drives table: drive, what it is, the rules' verdict, checked. */
    public record DriveRow(String drive, String what, String verdict, boolean checked) {
    }

    public PrepareDrivesWizardBot(Shell parent, PrepareDrivesWizard wizard) {
        super(parent, wizard);
    }

    /** The wizard the workbench opened (from its menu or the Jobs view's toolbar), by its dialog's shell. */
    public PrepareDrivesWizardBot(Shell opened) {
        super(opened);
    }

    public PrepareDrivesWizardBot addFolderDrive(String folder, String capacity, String serial) {
        Ui.type(Ui.find(shell(), WizardIds.PREPARE_FOLDER, Text.class), folder);
        Ui.type(Ui.find(shell(), WizardIds.PREPARE_CAPACITY, Text.class), capacity);
        Ui.type(Ui.find(shell(), WizardIds.PREPARE_SERIAL, Text.class), serial);
        Ui.click(Ui.find(shell(), WizardIds.PREPARE_ADD_FOLDER, Button.class));
        Ui.flush(display);
        return this;
    }

    public List<DriveRow> drives() {
        List<DriveRow> rows = new ArrayList<>();
        for (TableItem i : table().getItems()) {
            rows.add(new DriveRow(i.getText(0), i.getText(1), i.getText(2), i.getChecked()));
        }
        return rows;
    }

    /** Checks (or unchecks) the row of this drive, as a click on its box does. */
    public PrepareDrivesWizardBot check(String drive, boolean checked) {
        for (TableItem i : table().getItems()) {
            if (i.getText(0).equals(drive)) {
                Ui.check(table(), i, checked);
                Ui.flush(display);
                return this;
            }
        }
        throw new AssertionError("no drive " + drive + " in " + drives());
    }

    private Table table() {
        return Ui.find(shell(), WizardIds.PREPARE_DRIVES, Table.class);
    }

    public String rules() {
        return Ui.text(shell(), WizardIds.PREPARE_RULES);
    }

    /** The drives the format confirmation names. */
    public List<String> drivesToFormat() {
        return List.of(Ui.find(shell(), WizardIds.PREPARE_FORMAT_LIST, org.eclipse.swt.widgets.List.class).getItems());
    }

    /** The sentence above the drives the format confirmation names. */
    public String formatIntro() {
        return Ui.text(shell(), WizardIds.PREPARE_FORMAT_INTRO);
    }

    public PrepareDrivesWizardBot confirmFormat() {
        Ui.click(Ui.find(shell(), WizardIds.PREPARE_FORMAT_CONFIRM, Button.class));
        Ui.flush(display);
        return this;
    }

    /** The page's message (the refusals are summed up there). */
    public String message() {
        return dialog.getCurrentPage() instanceof org.eclipse.jface.dialogs.IMessageProvider p ? p.getMessage() : null;
    }
}
