package org.seedbench.ui.p2.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IProvidedCapability;
import org.eclipse.equinox.p2.metadata.IRequirement;
import org.eclipse.equinox.p2.metadata.MetadataFactory;
import org.eclipse.equinox.p2.metadata.MetadataFactory.InstallableUnitDescription;
import org.eclipse.equinox.p2.metadata.Version;
import org.eclipse.equinox.p2.metadata.VersionRange;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.p2.Outcome;
import org.seedbench.p2.PluginSite;
import org.seedbench.p2.Plugins;
import org.seedbench.p2.TrustPolicy;

/**
 * What {@code seedbench plugins} and Help > Install Plugins… share, on the real p2 runtime: the trust policy
 * (p2's own certificate checker finds a jar without a signature; it is installed only when the policy accepts
 * unsigned content, and the refusal names it) and the facade the command line uses (install by feature id, list,
 * remove, and the refusals of an unknown feature). The site holds a real, unsigned bundle jar as its artifact.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class PluginsTest {
    private static final String PROFILE = "PluginsTest";
    private static final String FEATURE = "org.example.unsigned";

    @InjectService(timeout = 10_000)
    IProvisioningAgentProvider agents;

    @TempDir
    Path temp;

    private IProvisioningAgent agent;
    private Plugins plugins;
    private Path install;

    @BeforeEach
    void createAgentAndProfile() throws Exception {
        agent = agents.createAgent(temp.resolve("p2").toUri());
        install = Files.createDirectories(temp.resolve("install"));
        agent.getService(IProfileRegistry.class).addProfile(PROFILE, Map.of(IProfile.PROP_INSTALL_FOLDER,
                install.toString(), IProfile.PROP_CACHE, install.toString(), IProfile.PROP_ENVIRONMENTS,
                "osgi.os=linux,osgi.ws=gtk,osgi.arch=x86_64"));
        plugins = Plugins.of(new PluginSite(agent, PROFILE));
    }

    @AfterEach
    void stopAgent() {
        plugins.close();
        agent.stop();
    }

    private static byte[] unsignedBundle(String id) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", id);
        main.putValue("Bundle-Version", "1.0.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new ZipEntry("readme.txt"));
            jar.write("an unsigned example bundle\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static InstallableUnitDescription unit(String id, String name, String... requires) {
        InstallableUnitDescription d = new InstallableUnitDescription();
        d.setId(id);
        d.setVersion(Version.create("1.0.0"));
        d.setProperty(IInstallableUnit.PROP_NAME, name);
        d.setCapabilities(new IProvidedCapability[] {
                MetadataFactory.createProvidedCapability(IInstallableUnit.NAMESPACE_IU_ID, id, Version.create("1.0.0")) });
        d.setRequirements(java.util.Arrays.stream(requires).map(r -> MetadataFactory.createRequirement(
                IInstallableUnit.NAMESPACE_IU_ID, r, VersionRange.emptyRange, null, false, false))
                .toArray(IRequirement[]::new));
        return d;
    }

    /** A site whose feature holds one bundle with an unsigned jar, as a Tycho build without jarsigner makes it. */
    private URI unsignedSite() throws Exception {
        URI uri = Files.createDirectories(temp.resolve("site")).toUri();
        IArtifactRepository artifacts = agent.getService(IArtifactRepositoryManager.class).createRepository(uri,
                "Unsigned site", IArtifactRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
        IArtifactKey key = artifacts.createArtifactKey("osgi.bundle", FEATURE, Version.create("1.0.0"));
        IArtifactDescriptor descriptor = artifacts.createArtifactDescriptor(key);
        try (OutputStream out = artifacts.getOutputStream(descriptor)) {
            out.write(unsignedBundle(FEATURE));
        }
        InstallableUnitDescription bundle = unit(FEATURE, "Unsigned bundle");
        bundle.setArtifacts(new IArtifactKey[] { key });
        bundle.setTouchpointType(MetadataFactory.createTouchpointType("org.eclipse.equinox.p2.osgi",
                Version.create("1.0.0")));
        InstallableUnitDescription feature = unit(FEATURE + PluginSite.FEATURE_GROUP, "Unsigned Plugin", FEATURE);
        feature.setProperty(InstallableUnitDescription.PROP_TYPE_GROUP, "true");
        InstallableUnitDescription category = unit("example.category", "Examples", FEATURE + PluginSite.FEATURE_GROUP);
        category.setProperty(InstallableUnitDescription.PROP_TYPE_CATEGORY, "true");
        agent.getService(IMetadataRepositoryManager.class).createRepository(uri, "Unsigned site",
                IMetadataRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of()).addInstallableUnits(List.of(
                        MetadataFactory.createInstallableUnit(bundle), MetadataFactory.createInstallableUnit(feature),
                        MetadataFactory.createInstallableUnit(category)));
        return uri;
    }

    private boolean installed(String id) {
        return plugins.installed().stream().anyMatch(f -> f.id().equals(id) && f.plugin());
    }

    @Test
    void unsignedContentIsRefusedNamingItAndInstalledOnlyWhenThePolicyAcceptsIt() throws Exception {
        URI site = unsignedSite();
        Outcome refused = plugins.install(site, List.of(FEATURE), TrustPolicy.given(false, false));
        assertEquals(Outcome.Result.DECLINED, refused.result(), refused.message());
        assertEquals(List.of(FEATURE + " 1.0.0"), refused.unverified().unsigned(), refused.toString());
        assertTrue(refused.message().contains("unsigned: " + FEATURE + " 1.0.0"), refused.message());
        assertTrue(!installed(FEATURE), "nothing is installed after the refusal: " + plugins.installed());
        assertTrue(!Files.exists(install.resolve("plugins/" + FEATURE + "_1.0.0.jar")),
                "the refused jar is not left in the installation");

        // trusting signers does not accept content that carries no signature
        assertEquals(Outcome.Result.DECLINED,
                plugins.install(site, List.of(FEATURE), TrustPolicy.given(false, true)).result());

        Outcome accepted = plugins.install(site, List.of(FEATURE + PluginSite.FEATURE_GROUP),
                TrustPolicy.given(true, false));
        assertEquals(Outcome.Result.DONE, accepted.result(), accepted.message());
        assertEquals(List.of(FEATURE + " 1.0.0"), accepted.unverified().unsigned(), "the outcome says it was unsigned");
        assertEquals(List.of(FEATURE + " 1.0.0"), accepted.changed());
        assertTrue(installed(FEATURE), plugins.installed().toString());
        assertTrue(Files.isRegularFile(install.resolve("plugins/" + FEATURE + "_1.0.0.jar")), "the jar is installed");

        Outcome again = plugins.install(site, List.of(FEATURE), TrustPolicy.given(true, false));
        assertEquals(Outcome.Result.NOTHING_TO_DO, again.result(), again.message());
    }

    @Test
    void aPluginIsInstalledListedAndRemovedByFeatureIdAndUnknownOnesAreRefusedNamingWhatThereIs() throws Exception {
        URI site = Sites.write(agent, temp.resolve("site"), "1.0.0");
        Plugins.Refusal unknown = assertThrows(Plugins.Refusal.class,
                () -> plugins.install(site, List.of("org.example.nope"), TrustPolicy.given(false, false)));
        assertEquals("org.example.nope", unknown.value());
        assertTrue(unknown.allowed().contains("org.example.workload"), unknown.allowed());

        Outcome done = plugins.install(site, List.of("org.example.workload"), TrustPolicy.given(false, false));
        assertEquals(Outcome.Result.DONE, done.result(), done.message());
        assertTrue(done.unverified().isEmpty(), "metadata only: nothing to verify");
        assertEquals(List.of(new Plugins.Installed("org.example.workload", "1.0.0", "Example Workload", true)),
                plugins.installed());
        assertEquals("1.0.0", plugins.offered(site).stream().filter(o -> o.id().equals("org.example.workload"))
                .findFirst().orElseThrow().installedVersion());

        Outcome update = plugins.update(site, List.of("org.example.workload"), TrustPolicy.given(false, false));
        assertEquals(Outcome.Result.NOTHING_TO_DO, update.result(), update.message());

        assertEquals("is not installed", assertThrows(Plugins.Refusal.class,
                () -> plugins.remove(List.of("org.example.broken"))).getMessage());
        Outcome removed = plugins.remove(List.of("org.example.workload"));
        assertEquals(Outcome.Result.DONE, removed.result(), removed.message());
        assertEquals(List.of("org.example.workload 1.0.0"), removed.changed());
        assertEquals(List.of(), plugins.installed());
    }

    @Test
    void aFolderThatIsNoSiteIsRefusedAsAnUpdateSite() throws Exception {
        Plugins.Refusal refusal = assertThrows(Plugins.Refusal.class,
                () -> plugins.offered(Files.createDirectories(temp.resolve("empty")).toUri()));
        assertEquals("update site", refusal.field());
        assertTrue(refusal.getMessage().startsWith("cannot be read: "), refusal.getMessage());
        assertEquals("no such folder", assertThrows(IllegalArgumentException.class,
                () -> Plugins.siteUri(temp.resolve("absent").toString())).getMessage());
    }
}
