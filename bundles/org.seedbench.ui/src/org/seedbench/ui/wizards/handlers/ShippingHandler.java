package org.seedbench.ui.wizards.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.wizards.ShippingWizard;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.Workspaces;

/** Job > Update Shipping Details…: once the import job exists (Creating), or to correct them (Shipping). */
public class ShippingHandler {

    @CanExecute
    public boolean canExecute(@Optional SeedingJob job) {
        return job != null && (job.state() == JobState.CREATING || job.state() == JobState.SHIPPING);
    }

    @Execute
    public void execute(Shell shell, @Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data,
            @Optional @Named(SeedbenchUi.CATALOG_URL_KEY) String catalogUrl, @Optional SeedingJob job,
            @Service Workspaces workspaces, @Service ImportJobService importJobs) {
        if (canExecute(job)) {
            new WizardDialog(shell, new ShippingWizard(data, catalogUrl, job, workspaces, importJobs)).open();
        }
    }
}
