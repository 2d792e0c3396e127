package org.seedbench.ui.wizards.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import java.util.Map;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.secrets.ConnectorSettings;
import org.seedbench.ui.secrets.SecretStore;
import org.seedbench.ui.wizards.AzureSignInDialog;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.Workspaces;

/**
 * File > Sign in to Azure…: signs the {@code azure} connector in with the device code flow (its setting
 * {@code deviceCode}, the prompt shown in the dialog), with its settings file and the secrets the workbench keeps in
 * secure storage, and asks the service for its locations so that the sign-in happens now, in the dialog.
 */
public class SignInHandler {
    static final String AZURE = "azure";

    @CanExecute
    public boolean canExecute(@Service CloudConnectors connectors) {
        return connectors != null && connectors.all().stream().anyMatch(c -> c.id().equals(AZURE));
    }

    @Execute
    public void execute(Shell shell, @Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data,
            @Optional @Named(SeedbenchUi.CATALOG_URL_KEY) String catalogUrl, @Service CloudConnectors connectors,
            @Service Workspaces workspaces) {
        ConnectorSettings settings = new ConnectorSettings(SeedbenchUi.open(workspaces, data, catalogUrl),
                new SecretStore());
        new AzureSignInDialog(shell, (prompt, monitor) -> {
            org.seedbench.core.spi.ConnectorSettings extra = org.seedbench.core.spi.ConnectorSettings.empty()
                    .with("deviceCode", "true").withPrompt(prompt);
            for (Map.Entry<String, org.seedbench.core.model.Secret> e : settings.secrets(AZURE).entrySet()) {
                extra = extra.withSecret(e.getKey(), e.getValue());
            }
            connectors.signedIn(SeedbenchUi.open(workspaces, data, catalogUrl), AZURE, extra).locations();
        }).open();
    }
}
