package org.seedbench.workflow;

import java.io.IOException;
import java.util.Map;

/**
 * Where a cloud connector's secret settings are kept apart from {@code <data>/connectors/<id>.properties}, e.g. the
 * workbench's secure storage. Register an implementation as a service; {@link CloudConnectors} adds what it gives
 * to the settings a connector signs in with (settings the caller passes win over it).
 */
public interface ConnectorSecrets {

    /**
     * The secret settings kept for the connector; empty when
     * none are kept.
     */
    Map<String, org.seedbench.core.model.Secret> secrets(String connectorId) throws IOException;
}
