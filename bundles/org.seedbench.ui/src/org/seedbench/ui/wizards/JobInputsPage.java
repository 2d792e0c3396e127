package org.seedbench.ui.wizards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;

/** The inputs of "initiate offline backup", each checked by {@link SeedRules} as it is typed. */
class JobInputsPage extends WizardPage {
    /** Locations offered; any region name may be typed. */
    static final String[] LOCATIONS = { "westeurope", "northeurope", "uksouth", "eastus", "eastus2", "westus2",
            "centralus", "southeastasia", "australiaeast", "japaneast" };

    private final List<String> connectors;
    private final Set<String> existingJobs;
    private final Map<String, Text> texts = new LinkedHashMap<>();
    private final Set<String> touched = new HashSet<>();
    private Combo location;
    private Combo connector;
    private Text sourceHost;
    private org.eclipse.swt.widgets.Label vaultNote;
    private Fields fields;

    JobInputsPage(List<String> connectors, Set<String> existingJobs) {
        super("job");
        this.connectors = connectors;
        this.existingJobs = existingJobs;
        setTitle("Initiate offline backup");
        setDescription("The import job: where the seed is staged and which storage account receives it.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = Fields.twoColumns(parent);
        fields = new Fields(c);
        text("Import job &name:", SeedRules.NAME, WizardIds.INIT_NAME, "3–24 letters, digits, hyphens");
        text("&Staging location:", SeedRules.STAGING, WizardIds.INIT_STAGING, "a local folder, a share or a UNC path");
        text("Storage &account:", SeedRules.STORAGE_ACCOUNT, WizardIds.INIT_STORAGE_ACCOUNT,
                "3–24 lowercase letters and digits");
        text("&Container:", SeedRules.CONTAINER, WizardIds.INIT_CONTAINER, "the import container");
        vaultNote = WizardIds.tag(new org.eclipse.swt.widgets.Label(c, SWT.WRAP), WizardIds.INIT_VAULT_NOTE);
        org.eclipse.swt.layout.GridData note = new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        note.widthHint = 520;
        vaultNote.setLayoutData(note);
        texts.get(SeedRules.STORAGE_ACCOUNT).addModifyListener(e -> vaultNote());
        vaultNote();
        text("S&ubscription id:", SeedRules.SUBSCRIPTION, WizardIds.INIT_SUBSCRIPTION,
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        location = fields.add("&Location:", SeedRules.LOCATION, WizardIds.INIT_LOCATION,
                p -> new Combo(p, SWT.DROP_DOWN));
        location.setItems(LOCATIONS);
        location.addModifyListener(e -> changed(SeedRules.LOCATION));
        connector = fields.add("C&loud connector:", "connector", WizardIds.INIT_CONNECTOR,
                p -> new Combo(p, SWT.READ_ONLY));
        connector.setItems(connectors.toArray(String[]::new));
        connector.select(Math.max(0, connectors.indexOf(org.seedbench.core.model.SeedingJob.DEFAULT_CONNECTOR)));
        sourceHost = fields.text("Source &host (if a VM):", "source host", WizardIds.INIT_SOURCE_HOST,
                "optional: the virtual machine the data comes from");
        setControl(c);
        validate();
    }

    /**
     * Says where the vault will be, as the account is typed: seeded from the import container once the datacenter
     * copy is done, it is a Seedbench repository in a blob container of this account, not a Recovery Services vault.
     */
    private void vaultNote() {
        String account = text(SeedRules.STORAGE_ACCOUNT);
        vaultNote.setText("Once the datacenter has imported the seed, Seedbench seeds the vault: "
                + org.seedbench.ui.VaultWords.describe(account.isEmpty() ? "this storage account" : account,
                        org.seedbench.workflow.VaultService.DEFAULT_CONTAINER)
                + ". " + org.seedbench.ui.VaultWords.MEANING + ".");
    }

    private void text(String label, String field, String id, String hint) {
        Text t = fields.text(label, field, id, hint);
        t.addModifyListener(e -> changed(field));
        texts.put(field, t);
    }

    private void changed(String field) {
        touched.add(field);
        validate();
    }

    String text(String field) {
        if (SeedRules.LOCATION.equals(field)) {
            return location == null ? null : location.getText().strip();
        }
        Text t = texts.get(field);
        return t == null ? null : t.getText().strip();
    }

    String connector() {
        return connector == null || connector.getSelectionIndex() < 0 ? null : connector.getText();
    }

    String sourceHost() {
        String h = sourceHost == null ? "" : sourceHost.getText().strip();
        return h.isEmpty() ? null : h;
    }

    /** Checks every field; shows the problems of the fields typed into, and completes the page when none. */
    void validate() {
        List<Problem> problems = new ArrayList<>();
        problems.addAll(SeedRules.checkImportJobName(text(SeedRules.NAME)));
        if (problems.isEmpty() && existingJobs.contains(text(SeedRules.NAME))) {
            problems.add(new Problem(SeedRules.NAME, text(SeedRules.NAME), "already names a job",
                    "a name no other job has"));
        }
        problems.addAll(SeedRules.checkStagingLocation(text(SeedRules.STAGING)));
        problems.addAll(SeedRules.checkStorageAccount(text(SeedRules.STORAGE_ACCOUNT)));
        problems.addAll(SeedRules.checkContainer(text(SeedRules.CONTAINER)));
        problems.addAll(SeedRules.checkSubscriptionId(text(SeedRules.SUBSCRIPTION)));
        problems.addAll(SeedRules.checkLocation(text(SeedRules.LOCATION)));
        fields.show(problems, touched);
        Problem shown = problems.stream().filter(p -> touched.contains(p.field())).findFirst().orElse(null);
        setErrorMessage(shown == null ? null : shown.message());
        if (shown == null && !problems.isEmpty()) {
            setMessage("Fill in " + problems.get(0).field() + ".");
        } else {
            setMessage(null);
        }
        setPageComplete(problems.isEmpty());
    }

    /** The message shown under a field (for tests and page objects). */
    String fieldMessage(String field) {
        return fields.message(field);
    }
}
