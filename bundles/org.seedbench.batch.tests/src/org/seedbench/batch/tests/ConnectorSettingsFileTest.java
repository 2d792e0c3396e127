package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.ConnectorSettingsFile;
import org.seedbench.workflow.Workspaces;

/**
 * {@code <data>/connectors/<id>.properties}, written by one class (0600, whole) and read back by the sign-in, its
 * secrets as secrets.
 */
@ExtendWith(ServiceExtension.class)
class ConnectorSettingsFileTest {
    private static final String CONNECTION = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=a2V5LXZhbHVl;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1";

    @InjectService(timeout = 10_000)
    CloudConnectors connectors;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path data;

    @Test
    void settingsAreWrittenForTheOwnerOnlyAndSignInReadsThemBack() throws Exception {
        Path file = workspaces.open(data).connectorSettingsFile("azure");
        ConnectorSettingsFile.write(file, Map.of("connectionString", CONNECTION, "resourceGroup", "rg"),
                "written by a test");
        assertEquals(data.resolve("connectors/azure.properties"), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Map.of("connectionString", CONNECTION, "resourceGroup", "rg"),
                ConnectorSettingsFile.read(file));

        Map<String, String> changes = new HashMap<>();
        changes.put("resourceGroup", " ");
        changes.put("route", "databox");
        assertEquals(Map.of("connectionString", CONNECTION, "route", "databox"),
                ConnectorSettingsFile.update(file, changes, "updated by a test"));

        ConnectorSettings settings = connectors.settings(workspaces.open(data), "azure", ConnectorSettings.empty().with("route", "importexport"));
        assertEquals(CONNECTION, new String(settings.secret("connectionString").reveal()));
        assertNull(settings.text("connectionString"));
        assertEquals("importexport", settings.text("route"), "what the caller gives wins over the file");
        assertEquals(data.toAbsolutePath().normalize(), settings.dataDirectory().orElseThrow());
        assertFalse(settings.toString().contains("a2V5LXZhbHVl"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left beside it");
        }
    }
}
