package org.seedbench.ui.secrets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.seedbench.core.model.Secret;
import org.seedbench.workflow.ConnectorSettingsFile;
import org.seedbench.workflow.Workspace;

/**
 * A cloud connector's settings as the workbench writes them: plain settings in
 * {@code <data>/connectors/<id>.properties} (where the command line reads them too), secret ones (keys, SAS
 * tokens, connection strings, passwords, client secrets) in secure storage only. {@link #moveSecretsOut} takes the
 * secrets an older file still holds into secure storage and rewrites the file without them;
 * {@link #secrets} gives them back as sign-in settings.
 */
public final class ConnectorSettings {
    private static final String COMMENT = "Seedbench connector ";
    private static final String SECRETS_APART = " (secrets are in secure storage)";

    private final Workspace workspace;
    private final SecretStore store;

    public ConnectorSettings(Workspace workspace, SecretStore store) {
        this.workspace = workspace;
        this.store = store;
    }

    /** Whether a setting of this name holds a secret, by the rule the connectors' settings use. */
    public static boolean isSecret(String key) {
        return org.seedbench.core.spi.ConnectorSettings.isSecretKey(key);
    }

    public Path file(String connector) {
        return workspace.connectorSettingsFile(connector);
    }

    /** Writes the connector's settings: the secrets into secure storage, the rest into its file. */
    public void save(String connector, Map<String, String> settings) throws IOException {
        Map<String, String> plain = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (isSecret(e.getKey())) {
                store.keepConnectorSecret(connector, e.getKey(), Secret.of(e.getValue()));
                plain.put(e.getKey(), null);
            } else {
                plain.put(e.getKey(), e.getValue());
            }
        }
        ConnectorSettingsFile.update(file(connector), plain, COMMENT + connector + SECRETS_APART);
    }

    /**
     * Moves the secrets the connector's file holds into secure storage and rewrites the file without them.
     *
     * @return the keys moved
     */
    public java.util.Set<String> moveSecretsOut(String connector) throws IOException {
        Map<String, String> plain = ConnectorSettingsFile.read(file(connector));
        java.util.Set<String> moved = new java.util.TreeSet<>();
        for (Map.Entry<String, String> e : plain.entrySet()) {
            if (isSecret(e.getKey())) {
                store.keepConnectorSecret(connector, e.getKey(), Secret.of(e.getValue()));
                moved.add(e.getKey());
            }
        }
        if (!moved.isEmpty()) {
            moved.forEach(plain::remove);
            ConnectorSettingsFile.write(file(connector), plain, COMMENT + connector + SECRETS_APART);
        }
        return moved;
    }

    /** The connector's secrets from secure storage, as sign-in settings. */
    public Map<String, Secret> secrets(String connector) throws IOException {
        return new LinkedHashMap<>(store.connectorSecrets(connector));
    }
}
