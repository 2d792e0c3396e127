package org.seedbench.workflow;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CloudConnector;

/**
 * The registered cloud connectors, signed in for a data directory. A connector's settings come from
 * {@code <data>/connectors/<id>.properties} (kept 0600 by whoever writes it: it may hold a storage key), then
 * from what the caller adds (the environment, a test); {@value #DATA_DIRECTORY} is always set. Values of keys
 * that name a secret ({@code key}, {@code secret}, {@code sas}, {@code token}, {@code connectionString},
 * {@code password}) are
 * handed over as {@link Secret}s. Secrets kept elsewhere (a {@link ConnectorSecrets} service, e.g. the workbench's
 * secure storage) are added to the file's settings.
 */
@Component(service = CloudConnectors.class)
public class CloudConnectors {
    /** Settings key: Seedbench's data directory (a {@link Path}). */
    public static final String DATA_DIRECTORY = "dataDirectory";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<CloudConnector> connectors;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ConnectorSecrets> secretStores;

    /** Every registered connector. */
    public List<CloudConnector> all() {
        return connectors == null ? List.of() : List.copyOf(connectors);
    }

    /**
     * The connector with this id, signed in with its settings.
     *
     * @throws InvalidInputException when no such connector is installed
     */
    public CloudConnector signedIn(Workspace workspace, String connectorId, Map<String, ?> extra)
            throws InvalidInputException, IOException {
        CloudConnector connector = all().stream().filter(c -> c.id().equals(connectorId)).findFirst()
                .orElseThrow(() -> new InvalidInputException(new Problem("connector", connectorId, "is not installed",
                        "one of: " + String.join(", ", all().stream().map(CloudConnector::id).sorted().toList()))));
        Map<String, Object> given = new LinkedHashMap<>();
        for (ConnectorSecrets store : secretStores == null ? List.<ConnectorSecrets>of() : List.copyOf(secretStores)) {
            given.putAll(store.secrets(connectorId));
        }
        if (extra != null) {
            given.putAll(extra);
        }
        connector.signIn(settings(workspace, connectorId, given));
        return connector;
    }

    static Map<String, Object> settings(Workspace workspace, String connectorId, Map<String, ?> extra)
            throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(workspace.connectorSettingsFile(connectorId))) {
            file.load(in);
        } catch (NoSuchFileException e) {
            // no settings file: the connector's defaults
        }
        file.stringPropertyNames().forEach(k -> settings.put(k, value(k, file.getProperty(k))));
        if (extra != null) {
            extra.forEach((k, v) -> settings.put(k, v instanceof String s ? value(k, s) : v));
        }
        settings.put(DATA_DIRECTORY, workspace.dataDirectory());
        return settings;
    }

    private static Object value(String key, String value) {
        return isSecretKey(key) ? Secret.of(value) : value;
    }

    /** Whether a setting of this name holds a secret (a key, SAS, token, password, client secret, connection string). */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.endsWith("key") || k.contains("secret") || k.contains("sas") || k.contains("password")
                || k.contains("token")
                || k.equals("connectionstring");
    }
}
