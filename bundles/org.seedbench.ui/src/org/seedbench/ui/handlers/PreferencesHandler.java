package org.seedbench.ui.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.ui.CatalogPreference;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.AlertService;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * Window &gt; Preferences…: the data directory, the catalog (its URL kept in the preferences), the selected job's
 * upload throttle, where alerts go.
 */
public class PreferencesHandler {
    @Execute
    public void execute(Shell shell, @Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data,
            @Optional @Named(SeedbenchUi.CATALOG_URL_KEY) String catalogUrl, @Service Workspaces workspaces,
            @Service AlertService alerts, @Service VaultService vault, @Optional SeedingJob job,
            MApplication application) {
        CatalogPreference preference = new CatalogPreference();
        try (Workspace workspace = SeedbenchUi.open(workspaces, data, catalogUrl)) {
            new PreferencesDialog(shell, workspace, alerts, vault, job, preference,
                    (url, password) -> preference.apply(url, password, CatalogPreference.opener(workspaces, data),
                            application.getContext())).open();
        }
    }
}
