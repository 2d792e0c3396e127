package org.seedbench.ui.wizards.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import java.time.Clock;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.secrets.SecretStore;
import org.seedbench.ui.wizards.InitiateJobWizard;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.EstimateService;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.JobService;
import org.seedbench.workflow.Workspaces;

/** File > New Seeding Job…: the "Initiate offline backup" wizard. */
public class NewJobHandler {

    @Execute
    public void execute(Shell shell, @Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data,
            @Optional @Named(SeedbenchUi.CATALOG_URL_KEY) String catalogUrl, @Service Workspaces workspaces,
            @Service List<WorkloadSource> sources,
            @Service CloudConnectors connectors, @Service StageService stage, @Service JobService jobs,
            @Optional @Service EstimateService estimates) {
        List<String> ids = connectors.all().stream().map(CloudConnector::id).sorted().toList();
        InitiateJobWizard wizard = new InitiateJobWizard(data, catalogUrl, workspaces, stage, jobs, () -> sources, ids,
                new SecretStore(), Clock.systemUTC()).withEstimates(estimates);
        new WizardDialog(shell, wizard).open();
    }
}
