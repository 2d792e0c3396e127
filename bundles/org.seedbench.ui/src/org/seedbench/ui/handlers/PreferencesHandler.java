package org.seedbench.ui.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.AlertService;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/** Window &gt; Preferences…: the data directory, the catalog, the selected job's upload throttle, where alerts go. */
public class PreferencesHandler {
    @Execute
    public void execute(Shell shell, @Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data, @Service Workspaces workspaces,
            @Service AlertService alerts, @Service VaultService vault, @Optional SeedingJob job) {
        try (Workspace workspace = workspaces.open(data)) {
            new PreferencesDialog(shell, workspace, alerts, vault, job).open();
        }
    }
}
