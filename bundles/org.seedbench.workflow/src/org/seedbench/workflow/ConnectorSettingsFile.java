package org.seedbench.workflow;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.seedbench.core.support.files.DurableFiles;

/**
 * {@code <data>/connectors/<id>.properties}, a connector's settings file: the one place that reads and writes it.
 * The command line and the workbench sign in with what it holds; the workbench's settings dialog and
 * {@code seedbench demo --azure} write it. It may hold a storage key, so it is written 0600, whole (temp file,
 * fsync, atomic rename, fsync of the folder): old or new, never half-written.
 */
public final class ConnectorSettingsFile {
    private ConnectorSettingsFile() {
    }

    /** Where the connector's settings are. */
    public static Path path(Path dataDirectory, String connectorId) {
        return dataDirectory.resolve("connectors").resolve(connectorId + ".properties");
    }

    /** The settings the file holds, sorted by name; empty when there is no file. */
    public static Map<String, String> read(Path dataDirectory, String connectorId) throws IOException {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(path(dataDirectory, connectorId), StandardCharsets.ISO_8859_1)) {
            file.load(in);
        } catch (NoSuchFileException e) {
            // no settings file: the connector's defaults
        }
        Map<String, String> settings = new TreeMap<>();
        file.stringPropertyNames().forEach(k -> settings.put(k, file.getProperty(k)));
        return settings;
    }

    /**
     * Replaces the file by these settings.
     *
     * @param comment the file's first line, e.g. who wrote it (no secret)
     */
    public static void write(Path dataDirectory, String connectorId, Map<String, String> settings, String comment)
            throws IOException {
        Properties file = new Properties();
        settings.forEach(file::setProperty);
        StringWriter text = new StringWriter();
        file.store(text, comment);
        synchronized (ConnectorSettingsFile.class) {
            DurableFiles.write(path(dataDirectory, connectorId), text.toString().getBytes(StandardCharsets.ISO_8859_1),
                    true);
        }
    }

    /**
     * Changes some settings and keeps the others: a null or blank value removes the setting.
     *
     * @return the settings the file holds now
     */
    public static Map<String, String> update(Path dataDirectory, String connectorId, Map<String, String> changes,
            String comment) throws IOException {
        synchronized (ConnectorSettingsFile.class) {
            Map<String, String> settings = read(dataDirectory, connectorId);
            changes.forEach((k, v) -> {
                if (v == null || v.isBlank()) {
                    settings.remove(k);
                } else {
                    settings.put(k, v);
                }
            });
            write(dataDirectory, connectorId, settings, comment);
            return settings;
        }
    }
}
