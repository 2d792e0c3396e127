package org.seedbench.ui.p2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.p2.PluginSite;
import org.seedbench.ui.p2.tests.DisplaySync;
import org.seedbench.ui.p2.tests.Sites;

/**
 * The Install Plugins dialog driven through its widgets (SWT directly; SWTBot is not on Maven Central) on a
 * real p2 agent: it reads the site typed in, lists its plugins by category, and shows why a plugin cannot be
 * installed. Its menu item is contributed where the application's Help menu is. Needs a display (Xvfb).
 * The restart after an install is not exercised here.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class InstallPluginsDialogTest {

    @InjectService(timeout = 10_000)
    IProvisioningAgentProvider agents;

    @TempDir
    Path temp;

    private IProvisioningAgent agent;
    private Display display;
    private Shell shell;
    private InstallPluginsDialog dialog;

    @BeforeEach
    void open() throws Exception {
        agent = agents.createAgent(temp.resolve("p2").toUri());
        agent.getService(IProfileRegistry.class).addProfile("DialogTest",
                Map.of(IProfile.PROP_INSTALL_FOLDER, Files.createDirectories(temp.resolve("install")).toString()));
        display = Display.getDefault();
        shell = new Shell(display);
        dialog = new InstallPluginsDialog(shell, new PluginSite(agent, "DialogTest"),
                new DisplaySync(display), null);
        dialog.setBlockOnOpen(false);
        dialog.open();
    }

    @AfterEach
    void close() {
        dialog.close();
        shell.dispose();
        agent.stop();
    }

    private Button button(String label) {
        return Widgets.button(dialog.getShell(), label);
    }

    private void read(URI site) throws InterruptedException {
        Widgets.keyed(dialog.getShell(), Text.class, "site").setText(site.toString());
        Widgets.keyed(dialog.getShell(), Button.class, "read").notifyListeners(SWT.Selection,
                new org.eclipse.swt.widgets.Event());
        Widgets.settle(display);
    }

    @Test
    void readsTheSiteTypedInAndListsItsPluginsByCategory() throws Exception {
        read(Sites.write(agent, temp.resolve("site"), "1.0.0"));
        Table table = Widgets.keyed(dialog.getShell(), Table.class, "plugins");
        assertEquals(2, table.getItemCount());
        assertEquals("Workloads", table.getItem(0).getText(0));
        assertEquals("Broken Plugin", table.getItem(0).getText(1));
        assertEquals("Example Workload", table.getItem(1).getText(1));
        assertEquals("1.0.0", table.getItem(1).getText(2));
        assertEquals("", table.getItem(1).getText(3), "not installed");
        assertTrue(dialog.getMessage().contains("2 plugins"), dialog.getMessage());
    }

    @Test
    void aPluginThatCannotBeInstalledIsRefusedWithTheReason() throws Exception {
        read(Sites.write(agent, temp.resolve("site"), "1.0.0"));
        Table table = Widgets.keyed(dialog.getShell(), Table.class, "plugins");
        button("Install").notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        Widgets.settle(display);
        assertTrue(dialog.getMessage().contains("Check a plugin"), dialog.getMessage());
        table.getItem(0).setChecked(true); // Broken Plugin
        button("Install").notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        Widgets.settle(display);
        assertTrue(dialog.getMessage().contains("org.example.missing"), dialog.getMessage());
    }

    @Test
    void aFolderThatIsNotASiteIsNamed() throws Exception {
        read(Files.createDirectories(temp.resolve("nothing")).toUri());
        assertTrue(dialog.getMessage().contains("cannot be read"), dialog.getMessage());
    }

    @Test
    void theMenuItemGoesIntoTheApplicationsHelpMenu() throws Exception {
        String fragment;
        try (InputStream in = FrameworkUtil.getBundle(InstallPluginsHandler.class).getEntry("fragment.e4xmi").openStream()) {
            fragment = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(fragment.contains("parentElementId=\"org.seedbench.app.menu.help\""), fragment);
        assertTrue(fragment.contains("contributionURI=\"bundleclass://org.seedbench.ui.p2/"
                + InstallPluginsHandler.class.getName() + "\""), fragment);
        assertTrue(fragment.contains("label=\"Install Plugins&#x2026;\""), fragment);
    }
}
