package org.seedbench.ui.tests.wizards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.Secret;
import org.seedbench.ui.secrets.ConnectorSettings;
import org.seedbench.ui.secrets.MasterPasswordProvider;
import org.seedbench.ui.secrets.SecretStore;
import org.seedbench.ui.wizards.WizardIds;
import org.seedbench.workflow.Workspaces;

/**
 * Secrets in real Equinox secure storage: connector secrets leave the connector's properties file for secure
 * storage and come back as sign-in settings; the master password is asked for with a dialog, twice for a new one.
 */
@org.junit.jupiter.api.extension.ExtendWith({ org.osgi.test.junit5.service.ServiceExtension.class, OnUiThread.class })
class SecureStorageTest {
    @org.osgi.test.common.annotation.InjectService(timeout = 10_000)
    Workspaces workspaces;

    @org.osgi.test.common.annotation.InjectService(timeout = 10_000)
    org.seedbench.workflow.CloudConnectors connectors;

    @TempDir
    Path tmp;

    @Test
    void connectorSecretsMoveOutOfThePropertiesFileIntoSecureStorage() throws Exception {
        Path data = tmp.resolve("data");
        SecretStore store = new SecretStore(TestStorage.open(tmp.resolve("secure_storage")));
        ConnectorSettings settings = new ConnectorSettings(workspaces.open(data), store);
        String key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        SeedFixture.write(settings.file("azure"), "accountName=contosobackup\naccountKey=" + key
                + "\nclientSecret=s3cr3t-value-123\n");

        assertEquals(Set.of("accountKey", "clientSecret"), settings.moveSecretsOut("azure"));
        String file = Files.readString(settings.file("azure"));
        assertTrue(file.contains("accountName=contosobackup"), file);
        assertFalse(file.contains(key) || file.contains("s3cr3t-value-123"), "no secret is left in the file");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(settings.file("azure")));

        Map<String, Secret> secrets = new ConnectorSettings(workspaces.open(data),
                new SecretStore(TestStorage.open(tmp.resolve("secure_storage")))).secrets("azure");
        assertEquals(key, new String(secrets.get("accountKey").reveal()));
        assertEquals("******", secrets.get("clientSecret").toString(), "a secret never prints its value");
        InitiateWizardTest.assertNotIn(key, tmp);

        settings.save("azure", Map.of("sasToken", "sv=2024&sig=abcdef123", "resourceGroup", "seeding"));
        file = Files.readString(settings.file("azure"));
        assertTrue(file.contains("resourceGroup=seeding") && !file.contains("sig=abcdef123"), file);
        assertEquals("sv=2024&sig=abcdef123", new String(store.connectorSecret("azure", "sasToken").orElseThrow().reveal()));
    }

    /**
     * A connector that records the settings it signs in with: a test double for a cloud service that cannot be
     * reached from here.
     */
    static org.seedbench.core.spi.CloudConnector recordingConnectorDouble(Map<String, Object> recorded) {
        return (org.seedbench.core.spi.CloudConnector) java.lang.reflect.Proxy.newProxyInstance(
                SecureStorageTest.class.getClassLoader(), new Class<?>[] { org.seedbench.core.spi.CloudConnector.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> "recorder";
                    case "label" -> "Recording connector (test double)";
                    case "signIn" -> {
                        org.seedbench.core.spi.ConnectorSettings settings = (org.seedbench.core.spi.ConnectorSettings) args[0];
                        recorded.putAll(settings.values());
                        recorded.putAll(settings.secrets());
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "recorder";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aConnectorSignsInWithTheSecretsKeptInSecureStorage() throws Exception {
        Path data = tmp.resolve("data");
        ConnectorSettings settings = new ConnectorSettings(workspaces.open(data), new SecretStore(TestStorage.open(tmp.resolve("secure_storage"))));
        settings.save("recorder", Map.of("accountName", "contosobackup", "accountKey", "a2V5LXZhbHVl"));
        var context = org.osgi.framework.FrameworkUtil.getBundle(getClass()).getBundleContext();
        Map<String, Object> recorded = new java.util.HashMap<>();
        var secretsRegistration = context.registerService(org.seedbench.workflow.ConnectorSecrets.class,
                settings::secrets, null);
        var connectorRegistration = context.registerService(org.seedbench.core.spi.CloudConnector.class,
                recordingConnectorDouble(recorded), null);
        try {
            connectors.signedIn(workspaces.open(data), "recorder");
        } finally {
            connectorRegistration.unregister();
            secretsRegistration.unregister();
        }
        assertEquals("contosobackup", recorded.get("accountName"), "plain settings come from the file");
        assertEquals("a2V5LXZhbHVl", new String(((Secret) recorded.get("accountKey")).reveal()),
                "the key comes from secure storage");
        assertFalse(Files.readString(settings.file("recorder")).contains("a2V5LXZhbHVl"));
    }

    @Test
    void theMasterPasswordIsAskedTwiceForANewStorage() {
        Display display = Display.getDefault();
        display.asyncExec(() -> {
            Shell dialog = Ui.shell(display, "Seedbench Secure Storage");
            Text password = Ui.find(dialog, WizardIds.PASSWORD, Text.class);
            Text again = Ui.find(dialog, WizardIds.PASSWORD_AGAIN, Text.class);
            Button ok = okButton(dialog);
            Ui.type(password, "master password 1");
            Ui.type(again, "master password 2");
            assertFalse(ok.isEnabled(), "two different passwords are refused");
            Ui.type(again, "master password 1");
            assertTrue(ok.isEnabled());
            Ui.click(ok);
        });
        PBEKeySpec spec = new MasterPasswordProvider().getPassword(null, PasswordProvider.CREATE_NEW_PASSWORD);
        assertArrayEquals("master password 1".toCharArray(), spec.getPassword());
    }

    @Test
    void cancellingTheMasterPasswordKeepsTheStorageLocked() {
        Display display = Display.getDefault();
        display.asyncExec(() -> {
            Shell dialog = Ui.shell(display, "Seedbench Secure Storage");
            assertFalse(Ui.exists(dialog, WizardIds.PASSWORD_AGAIN), "an existing password is asked once");
            dialog.close();
        });
        assertNull(new MasterPasswordProvider().getPassword(null, 0));
        assertTrue(IProviderHints.DEFAULT_PASSWORD.length() > 0);
    }

    private static Button okButton(Shell dialog) {
        for (Button b : buttons(dialog)) {
            if (IDialogConstants.OK_LABEL.equals(b.getText())) {
                return b;
            }
        }
        throw new AssertionError("no OK button");
    }

    private static java.util.List<Button> buttons(org.eclipse.swt.widgets.Composite c) {
        java.util.List<Button> all = new java.util.ArrayList<>();
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof Button b) {
                all.add(b);
            } else if (child instanceof org.eclipse.swt.widgets.Composite inner) {
                all.addAll(buttons(inner));
            }
        }
        return all;
    }
}
