package org.seedbench.ui.wizards.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.JobStates;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.wizards.DrivesReadyDialog;
import org.seedbench.ui.wizards.PrepareDrivesWizard;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.Workspaces;

/** Job > Prepare Drives…: for a staged job, or one whose drives were cut short. */
public class PrepareDrivesHandler {

    @CanExecute
    public boolean canExecute(@Optional SeedingJob job) {
        return job != null && JobStates.canMove(job.state(), JobState.PREPARING_DRIVES);
    }

    @Execute
    public void execute(Shell shell, @Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data,
            @Optional @Named(SeedbenchUi.CATALOG_URL_KEY) String catalogUrl, @Optional SeedingJob job,
            @Service Workspaces workspaces,
            @Service DrivePreparationService preparation, UISynchronize ui) {
        if (!canExecute(job)) {
            return;
        }
        PrepareDrivesWizard wizard;
        try {
            wizard = new PrepareDrivesWizard(data, catalogUrl, job, workspaces, preparation,
                preparation::attachedDrives, ui::asyncExec,
                done -> {
                    if (!shell.isDisposed()) {
                        new DrivesReadyDialog(shell, done).open();
                    }
                });
        } catch (RuntimeException e) {
            org.eclipse.jface.dialogs.MessageDialog.openError(shell, "Prepare Drives",
                    "Cannot prepare the drives of " + job.name() + ": " + e.getMessage());
            return;
        }
        new WizardDialog(shell, wizard).open();
    }
}
