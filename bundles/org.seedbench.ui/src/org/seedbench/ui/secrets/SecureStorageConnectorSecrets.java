package org.seedbench.ui.secrets;

import java.io.IOException;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.seedbench.workflow.ConnectorSecrets;

/**
 * The workbench's connector secrets for the workflow's sign-ins: what {@link ConnectorSettings} moved out of the
 * connectors' properties files into secure storage. Secure storage is opened when a connector signs in, not before;
 * a storage that holds nothing for the connector asks for no master password.
 */
@Component(service = ConnectorSecrets.class)
public class SecureStorageConnectorSecrets implements ConnectorSecrets {

    @Override
    public Map<String, org.seedbench.core.model.Secret> secrets(String connectorId) throws IOException {
        return Map.copyOf(new SecretStore().connectorSecrets(connectorId));
    }
}
