package org.seedbench.core.spi;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.seedbench.core.model.Secret;

/**
 * What a {@link CloudConnector} signs in with: Seedbench's data directory (where an embedded cloud may keep its
 * state), text settings (endpoints, names, routes) and secret settings (keys, SAS tokens, connection strings,
 * passwords, client secrets, tokens) as {@link Secret}s, plus two typed hooks a connector may use: where an
 * interactive sign-in shows its prompt (a device code), and the {@link DriveDock} a simulated datacenter receives
 * drives from. Immutable: each {@code with…} gives a new instance. {@code toString()} names the keys only.
 */
@org.osgi.annotation.versioning.ProviderType
public final class ConnectorSettings {
    private static final ConnectorSettings EMPTY = new ConnectorSettings(null, Map.of(), Map.of(), null, null);

    private final Path dataDirectory;
    private final Map<String, String> values;
    private final Map<String, Secret> secrets;
    private final Consumer<String> prompt;
    private final DriveDock dock;

    private ConnectorSettings(Path dataDirectory, Map<String, String> values, Map<String, Secret> secrets,
            Consumer<String> prompt, DriveDock dock) {
        this.dataDirectory = dataDirectory;
        this.values = values;
        this.secrets = secrets;
        this.prompt = prompt;
        this.dock = dock;
    }

    /** No settings at all: the connector's defaults. */
    public static ConnectorSettings empty() {
        return EMPTY;
    }

    /** The settings of a data directory, no other value yet. */
    public static ConnectorSettings of(Path dataDirectory) {
        return EMPTY.withDataDirectory(dataDirectory);
    }

    /**
     * Whether a setting of this name holds a secret: a name ending in {@code key}, or holding {@code secret},
     * {@code sas}, {@code password} or {@code token}, or {@code connectionString}.
     */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("key") || k.contains("secret") || k.contains("sas") || k.contains("password")
                || k.contains("token") || k.equals("connectionstring");
    }

    public ConnectorSettings withDataDirectory(Path directory) {
        return new ConnectorSettings(directory == null ? null : directory.toAbsolutePath().normalize(), values,
                secrets, prompt, dock);
    }

    /**
     * A setting given as text; a name {@link #isSecretKey} says is secret is kept as a {@link Secret}. A null or
     * blank value removes the setting.
     */
    public ConnectorSettings with(String key, String value) {
        if (value != null && !value.isBlank() && isSecretKey(key)) {
            return withSecret(key, Secret.of(value));
        }
        Map<String, String> v = new TreeMap<>(values);
        Map<String, Secret> s = new TreeMap<>(secrets);
        s.remove(key);
        if (value == null || value.isBlank()) {
            v.remove(key);
        } else {
            v.put(key, value.trim());
        }
        return new ConnectorSettings(dataDirectory, Collections.unmodifiableMap(v), Collections.unmodifiableMap(s),
                prompt, dock);
    }

    /** A secret setting; null or empty removes it. */
    public ConnectorSettings withSecret(String key, Secret value) {
        Map<String, String> v = new TreeMap<>(values);
        Map<String, Secret> s = new TreeMap<>(secrets);
        v.remove(key);
        if (value == null || value.length() == 0) {
            s.remove(key);
        } else {
            s.put(key, value);
        }
        return new ConnectorSettings(dataDirectory, Collections.unmodifiableMap(v), Collections.unmodifiableMap(s),
                prompt, dock);
    }

    /** Each of the text settings, by {@link #with(String, String)} (secret names become secrets). */
    public ConnectorSettings withAll(Map<String, String> settings) {
        ConnectorSettings result = this;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            result = result.with(e.getKey(), e.getValue());
        }
        return result;
    }

    /** Each of the other's values and secrets over this one's; its data directory, prompt and dock when it has them. */
    public ConnectorSettings withAll(ConnectorSettings other) {
        ConnectorSettings result = withAll(other.values);
        for (Map.Entry<String, Secret> e : other.secrets.entrySet()) {
            result = result.withSecret(e.getKey(), e.getValue());
        }
        return new ConnectorSettings(other.dataDirectory != null ? other.dataDirectory : dataDirectory,
                result.values, result.secrets, other.prompt != null ? other.prompt : prompt,
                other.dock != null ? other.dock : dock);
    }

    /** Where an interactive sign-in (device code) shows what the user must do. */
    public ConnectorSettings withPrompt(Consumer<String> to) {
        return new ConnectorSettings(dataDirectory, values, secrets, to, dock);
    }

    /** Where a simulated datacenter finds the drives prepared on this computer. */
    public ConnectorSettings withDock(DriveDock driveDock) {
        return new ConnectorSettings(dataDirectory, values, secrets, prompt, driveDock);
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    /** The trimmed text of a setting; null when it is not set. */
    public String text(String key) {
        return values.get(key);
    }

    /** A secret setting; null when it is not set. */
    public Secret secret(String key) {
        return secrets.get(key);
    }

    /** A yes/no setting: the text {@code true} (case ignored). */
    public boolean flag(String key) {
        return Boolean.parseBoolean(values.get(key));
    }

    /** Whether a text or secret setting of this name is set. */
    public boolean has(String key) {
        return values.containsKey(key) || secrets.containsKey(key);
    }

    /** The names of every text and secret setting, sorted. */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>(values.keySet());
        keys.addAll(secrets.keySet());
        return Collections.unmodifiableSet(keys);
    }

    /** The text settings (no secret among them). */
    public Map<String, String> values() {
        return values;
    }

    /** The secret settings. */
    public Map<String, Secret> secrets() {
        return secrets;
    }

    /** Where an interactive sign-in shows its prompt; empty for the connector's default (standard error). */
    public Optional<Consumer<String>> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** The dock of a simulated datacenter; {@link DriveDock#NONE} when none was given. */
    public DriveDock dock() {
        return dock == null ? DriveDock.NONE : dock;
    }

    @Override
    public String toString() {
        return "ConnectorSettings[" + (dataDirectory == null ? "" : dataDirectory + ", ") + "keys " + keys() + "]";
    }
}
