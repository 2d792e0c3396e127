package org.seedbench.ui.p2.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.p2.PluginSite;

/**
 * What Help > Install Plugins… does below its dialog, on the real p2 runtime (agent, profile registry,
 * planner, engine): read a categorized update site written to disk, resolve an install, refuse one whose
 * requirements the site cannot meet (naming what is missing), install, then find an update on a newer site.
 * The sites hold metadata only (features without artifacts), so the engine has nothing to download; what the
 * dialog and the restart do on screen is not tested here.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class PluginSiteTest {
    private static final String PROFILE = "SeedbenchTest";

    @InjectService(timeout = 10_000)
    IProvisioningAgentProvider agents;

    @TempDir
    Path temp;

    private IProvisioningAgent agent;
    private PluginSite site;

    @BeforeEach
    void createAgentAndProfile() throws Exception {
        agent = agents.createAgent(temp.resolve("p2").toUri());
        agent.getService(IProfileRegistry.class).addProfile(PROFILE,
                Map.of(IProfile.PROP_INSTALL_FOLDER, Files.createDirectories(temp.resolve("install")).toString(),
                        IProfile.PROP_ENVIRONMENTS, "osgi.os=linux,osgi.ws=gtk,osgi.arch=x86_64"));
        site = new PluginSite(agent, PROFILE);
    }

    @AfterEach
    void stopAgent() {
        agent.stop();
    }

    private PluginSite.Plugin plugin(List<PluginSite.Plugin> plugins, String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id
                + " not offered: " + plugins));
    }

    @Test
    void aSiteListsItsFeaturesByCategoryAndAnInstallResolvesAndRuns() throws Exception {
        URI uri = Sites.write(agent, temp.resolve("site1"), "1.0.0");
        List<PluginSite.Plugin> plugins = site.plugins(uri, new NullProgressMonitor());
        assertEquals(List.of("Broken Plugin", "Example Workload"), plugins.stream().map(PluginSite.Plugin::name).toList());
        PluginSite.Plugin example = plugin(plugins, "org.example.workload");
        assertEquals("Workloads", example.category());
        assertNull(example.installedVersion());

        InstallOperation install = site.install(uri, List.of(example.unit()), new NullProgressMonitor());
        assertTrue(install.getResolutionResult().getSeverity() < IStatus.ERROR, install.getResolutionDetails());
        IStatus done = install.getProvisioningJob(null).runModal(new NullProgressMonitor());
        assertTrue(done.getSeverity() < IStatus.ERROR, done.toString());

        PluginSite.Plugin installed = plugin(site.plugins(uri, new NullProgressMonitor()), "org.example.workload");
        assertEquals("1.0.0", installed.installedVersion());

        URI newer = Sites.write(agent, temp.resolve("site2"), "1.1.0");
        UpdateOperation update = site.update(newer, new NullProgressMonitor());
        assertTrue(update.getResolutionResult().getSeverity() < IStatus.ERROR, update.getResolutionDetails());
        assertTrue(update.hasResolved() && update.getPossibleUpdates().length > 0, "the newer site offers an update");
        assertTrue(update.getProvisioningJob(null).runModal(new NullProgressMonitor()).getSeverity() < IStatus.ERROR);
        assertEquals("1.1.0", plugin(site.plugins(newer, new NullProgressMonitor()), "org.example.workload")
                .installedVersion());
    }

    @Test
    void aPluginWhoseRequirementsTheSiteLacksIsRefusedNamingWhatIsMissing() throws Exception {
        URI uri = Sites.write(agent, temp.resolve("site"), "1.0.0");
        PluginSite.Plugin broken = plugin(site.plugins(uri, new NullProgressMonitor()), "org.example.broken");
        InstallOperation install = site.install(uri, List.of(broken.unit()), new NullProgressMonitor());
        assertEquals(IStatus.ERROR, install.getResolutionResult().getSeverity());
        assertTrue(install.getResolutionDetails().contains("org.example.missing"), install.getResolutionDetails());
    }

    @Test
    void aFolderThatIsNoSiteCannotBeRead() throws Exception {
        URI empty = Files.createDirectories(temp.resolve("empty")).toUri();
        try {
            site.plugins(empty, new NullProgressMonitor());
            throw new AssertionError("an empty folder was read as a site");
        } catch (org.eclipse.equinox.p2.core.ProvisionException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }
}
