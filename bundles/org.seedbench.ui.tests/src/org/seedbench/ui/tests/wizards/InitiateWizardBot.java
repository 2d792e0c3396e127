package org.seedbench.ui.tests.wizards;

import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.seedbench.ui.wizards.InitiateJobWizard;
import org.seedbench.ui.wizards.WizardIds;

/** The "Initiate offline backup" wizard as a user sees it. */
public class InitiateWizardBot extends WizardBot {

    public InitiateWizardBot(Shell parent, InitiateJobWizard wizard) {
        super(parent, wizard);
    }

    /** The wizard the workbench opened (from its menu or the Jobs view's toolbar), by its dialog's shell. */
    public InitiateWizardBot(Shell opened) {
        super(opened);
    }

    private void type(String id, String value) {
        Ui.type(Ui.find(shell(), id, Text.class), value);
        Ui.flush(display);
    }

    public InitiateWizardBot name(String v) {
        type(WizardIds.INIT_NAME, v);
        return this;
    }

    public InitiateWizardBot staging(String v) {
        type(WizardIds.INIT_STAGING, v);
        return this;
    }

    public InitiateWizardBot storageAccount(String v) {
        type(WizardIds.INIT_STORAGE_ACCOUNT, v);
        return this;
    }

    public InitiateWizardBot container(String v) {
        type(WizardIds.INIT_CONTAINER, v);
        return this;
    }

    public InitiateWizardBot subscription(String v) {
        type(WizardIds.INIT_SUBSCRIPTION, v);
        return this;
    }

    public InitiateWizardBot location(String v) {
        Ui.type(Ui.find(shell(), WizardIds.INIT_LOCATION, Combo.class), v);
        Ui.flush(display);
        return this;
    }

    /** The workload choices offered, as shown. */
    public List<String> workloadSources() {
        return List.of(Ui.find(shell(), WizardIds.INIT_WORKLOAD_SOURCE, Combo.class).getItems());
    }

    /** Chooses the source whose item contains {@code source}, types the target and presses Add workload. */
    public InitiateWizardBot addWorkload(String source, String target) {
        Ui.choose(Ui.find(shell(), WizardIds.INIT_WORKLOAD_SOURCE, Combo.class), "(" + source + ")");
        type(WizardIds.INIT_WORKLOAD_TARGET, target);
        Ui.click(Ui.find(shell(), WizardIds.INIT_WORKLOAD_ADD, Button.class));
        Ui.flush(display);
        return this;
    }

    public List<String> workloads() {
        return List.of(Ui.find(shell(), WizardIds.INIT_WORKLOADS, org.eclipse.swt.widgets.List.class).getItems());
    }

    public InitiateWizardBot passphrase(String v, String again) {
        type(WizardIds.INIT_PASSPHRASE, v);
        type(WizardIds.INIT_PASSPHRASE_AGAIN, again);
        return this;
    }
}
