package org.seedbench.ui.secrets;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.seedbench.core.model.Secret;

/**
 * The workbench's secrets (a job's backup passphrase, a connector's keys) in Equinox secure storage,
 * encrypted, under {@code /org.seedbench/…}. Never in preferences, never in logs: values come back as
 * {@link Secret}s, and failures name the entry, not its value.
 */
public final class SecretStore {
    private static final String ROOT = "/org.seedbench";
    private static final String PASSPHRASE = "passphrase";

    private final ISecurePreferences root;

    public SecretStore() {
        this(SecurePreferencesFactory.getDefault());
    }

    public SecretStore(ISecurePreferences root) {
        this.root = root;
    }

    /** The backup passphrase kept for {@code job}, if the user asked to keep it. */
    public Optional<Secret> passphrase(String job) throws IOException {
        return get(jobNode(job), PASSPHRASE);
    }

    public void keepPassphrase(String job, Secret passphrase) throws IOException {
        put(jobNode(job), PASSPHRASE, passphrase);
    }

    /** A secret setting of a cloud connector, e.g. {@code clientSecret} of {@code azure}. */
    public Optional<Secret> connectorSecret(String connector, String key) throws IOException {
        return get(ROOT + "/connectors/" + encode(connector), key);
    }

    public void keepConnectorSecret(String connector, String key, Secret value) throws IOException {
        put(ROOT + "/connectors/" + encode(connector), key, value);
    }

    /** Forgets every secret kept for {@code job}. */
    public void forgetJob(String job) throws IOException {
        String path = jobNode(job);
        if (root.nodeExists(path)) {
            root.node(path).removeNode();
            flush();
        }
    }

    private static String jobNode(String job) {
        return ROOT + "/jobs/" + encode(job);
    }

    private static String encode(String name) {
        return name.replace('/', '_');
    }

    private Optional<Secret> get(String path, String key) throws IOException {
        if (root == null || !root.nodeExists(path)) {
            return Optional.empty();
        }
        try {
            String value = root.node(path).get(key, null);
            return Optional.ofNullable(value).map(Secret::of);
        } catch (StorageException e) {
            throw new IOException("secure storage: cannot read " + path + "/" + key + " (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private void put(String path, String key, Secret value) throws IOException {
        if (root == null) {
            throw new IOException("secure storage is not available");
        }
        try {
            root.node(path).put(key, new String(value.reveal()), true);
        } catch (StorageException e) {
            throw new IOException("secure storage: cannot keep " + path + "/" + key + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        flush();
    }

    private void flush() throws IOException {
        root.flush();
    }
}
