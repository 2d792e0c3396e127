package org.seedbench.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DriveDock;

/** A connector's sign-in settings: typed, secrets kept as secrets, never printed. */
class ConnectorSettingsTest {
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq";

    @Test
    void settingsNamedAsSecretsAreKeptAsSecretsAndNeverPrinted() {
        ConnectorSettings s = ConnectorSettings.of(Path.of("data")).withAll(Map.of("accountName", "contosobackup",
                "accountKey", KEY, "connectionString", "AccountKey=" + KEY, "sasToken", "sig=abc", "route", " databox "));
        assertEquals("contosobackup", s.text("accountName"));
        assertEquals("databox", s.text("route"), "text is trimmed");
        assertNull(s.text("accountKey"), "a secret is not text");
        assertEquals(KEY, new String(s.secret("accountKey").reveal()));
        assertTrue(s.has("sasToken") && s.has("connectionString"));
        assertEquals(List.of("accountKey", "accountName", "connectionString", "route", "sasToken"),
                List.copyOf(s.keys()));
        assertFalse(s.toString().contains(KEY) || s.toString().contains("sig=abc"), s.toString());
        assertEquals(Path.of("data").toAbsolutePath(), s.dataDirectory().orElseThrow());
    }

    @Test
    void laterSettingsWinAndABlankValueRemovesOne() {
        ConnectorSettings file = ConnectorSettings.empty().with("resourceGroup", "rg-file").with("route", "databox");
        DriveDock dock = serial -> Optional.empty();
        ConnectorSettings given = ConnectorSettings.of(Path.of("/data")).with("resourceGroup", "rg-given")
                .withSecret("accountKey", Secret.of(KEY)).withDock(dock);
        ConnectorSettings both = file.withAll(given).with("route", " ");
        assertEquals("rg-given", both.text("resourceGroup"));
        assertFalse(both.has("route"));
        assertEquals(KEY, new String(both.secret("accountKey").reveal()));
        assertSame(dock, both.dock());
        assertEquals(Path.of("/data"), both.dataDirectory().orElseThrow());
        assertFalse(file.has("accountKey"), "settings are immutable: the first is unchanged");
        assertSame(DriveDock.NONE, file.dock());
    }

    @Test
    void thePromptOfAnInteractiveSignInIsTyped() {
        List<String> shown = new ArrayList<>();
        ConnectorSettings s = ConnectorSettings.empty().with("deviceCode", "true").withPrompt(shown::add);
        assertTrue(s.flag("deviceCode"));
        s.prompt().orElseThrow().accept("enter the code ABC");
        assertEquals(List.of("enter the code ABC"), shown);
        assertTrue(ConnectorSettings.empty().prompt().isEmpty());
    }
}
