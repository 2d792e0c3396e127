package org.seedbench.ui.secrets;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.seedbench.core.model.Secret;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.core.support.files.DurableFiles;

/**
 * A cloud connector's settings as the workbench writes them: plain settings in
 * {@code <data>/connectors/<id>.properties} (where the command line reads them too), secret ones (keys, SAS
 * tokens, connection strings, passwords, client secrets) in secure storage only. {@link #moveSecretsOut} takes the
 * secrets an older file still holds into secure storage and rewrites the file without them;
 * {@link #secrets} gives them back as sign-in settings.
 */
public final class ConnectorSettings {
    private final Path dataDirectory;
    private final SecretStore store;

    public ConnectorSettings(Path dataDirectory, SecretStore store) {
        this.dataDirectory = dataDirectory;
        this.store = store;
    }

    /** Whether a setting of this name holds a secret, by the rule the workflow's connector settings use. */
    public static boolean isSecret(String key) {
        return CloudConnectors.isSecretKey(key);
    }

    public Path file(String connector) {
        return dataDirectory.resolve("connectors").resolve(connector + ".properties");
    }

    /** Writes the connector's settings: the secrets into secure storage, the rest into its file. */
    public void save(String connector, Map<String, String> settings) throws IOException {
        Properties plain = read(connector);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (isSecret(e.getKey())) {
                store.keepConnectorSecret(connector, e.getKey(), Secret.of(e.getValue()));
                plain.remove(e.getKey());
            } else if (e.getValue() == null || e.getValue().isBlank()) {
                plain.remove(e.getKey());
            } else {
                plain.setProperty(e.getKey(), e.getValue());
            }
        }
        write(connector, plain);
    }

    /**
     * Moves the secrets the connector's file holds into secure storage and rewrites the file without them.
     *
     * @return the keys moved
     */
    public java.util.Set<String> moveSecretsOut(String connector) throws IOException {
        Properties plain = read(connector);
        java.util.Set<String> moved = new java.util.TreeSet<>();
        for (String key : plain.stringPropertyNames()) {
            if (isSecret(key)) {
                store.keepConnectorSecret(connector, key, Secret.of(plain.getProperty(key)));
                moved.add(key);
            }
        }
        if (!moved.isEmpty()) {
            moved.forEach(plain::remove);
            write(connector, plain);
        }
        return moved;
    }

    /** The connector's secrets from secure storage, as sign-in settings. */
    public Map<String, Object> secrets(String connector) throws IOException {
        return new LinkedHashMap<>(store.connectorSecrets(connector));
    }

    private Properties read(String connector) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file(connector))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            // no settings yet
        }
        return p;
    }

    /**
     * A durable write (temp file 0600, fsync, atomic rename, fsync of the folder): the file is whole, old or new,
     * never half-written. On Windows the profile folder's permissions apply.
     */
    private void write(String connector, Properties p) throws IOException {
        DurableFiles.write(file(connector), true,
                out -> p.store(out, "Seedbench connector " + connector + " (secrets are in secure storage)"));
    }
}
