package org.seedbench.ui.p2.tests;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IRequirement;
import org.eclipse.equinox.p2.metadata.MetadataFactory;
import org.eclipse.equinox.p2.metadata.MetadataFactory.InstallableUnitDescription;
import org.eclipse.equinox.p2.metadata.Version;
import org.eclipse.equinox.p2.metadata.VersionRange;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;

/**
 * Writes small categorized update sites to disk with the real p2 repository manager: metadata only (features
 * without artifacts), so installing from them downloads nothing.
 */
public final class Sites {

    private Sites() {
    }

    private static IRequirement requires(String id, String range) {
        return MetadataFactory.createRequirement(IInstallableUnit.NAMESPACE_IU_ID, id, new VersionRange(range),
                null, false, false);
    }

    private static IInstallableUnit unit(String id, String version, String name, boolean group, String... requires) {
        InstallableUnitDescription d = new InstallableUnitDescription();
        d.setId(id);
        d.setVersion(Version.create(version));
        d.setProperty(IInstallableUnit.PROP_NAME, name);
        if (group) {
            d.setProperty(InstallableUnitDescription.PROP_TYPE_GROUP, Boolean.TRUE.toString());
        }
        // as Tycho publishes it: this version replaces every older one
        d.setUpdateDescriptor(MetadataFactory.createUpdateDescriptor(id,
                new VersionRange(Version.emptyVersion, true, Version.create(version), false),
                org.eclipse.equinox.p2.metadata.IUpdateDescriptor.NORMAL, null));
        d.setCapabilities(new org.eclipse.equinox.p2.metadata.IProvidedCapability[] {
                MetadataFactory.createProvidedCapability(IInstallableUnit.NAMESPACE_IU_ID, id, Version.create(version)) });
        List<IRequirement> req = new ArrayList<>();
        for (String r : requires) {
            String[] idAndRange = r.split("@");
            req.add(requires(idAndRange[0], idAndRange[1]));
        }
        d.setRequirements(req.toArray(IRequirement[]::new));
        return MetadataFactory.createInstallableUnit(d);
    }

    private static IInstallableUnit category(String id, String name, String... members) {
        InstallableUnitDescription d = new InstallableUnitDescription();
        d.setId(id);
        d.setVersion(Version.create("1.0.0"));
        d.setProperty(IInstallableUnit.PROP_NAME, name);
        d.setProperty(InstallableUnitDescription.PROP_TYPE_CATEGORY, Boolean.TRUE.toString());
        d.setCapabilities(new org.eclipse.equinox.p2.metadata.IProvidedCapability[] {
                MetadataFactory.createProvidedCapability(IInstallableUnit.NAMESPACE_IU_ID, id, Version.create("1.0.0")) });
        List<IRequirement> req = new ArrayList<>();
        for (String m : members) {
            req.add(requires(m, "0.0.0"));
        }
        d.setRequirements(req.toArray(IRequirement[]::new));
        return MetadataFactory.createInstallableUnit(d);
    }

    /** Writes a categorized site: the example workload at {@code version}, and a feature needing what is absent. */
    public static URI write(IProvisioningAgent agent, Path folder, String version) throws Exception {
        URI uri = Files.createDirectories(folder).toUri();
        IMetadataRepository repo = agent.getService(IMetadataRepositoryManager.class).createRepository(uri,
                "Example site " + version, IMetadataRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
        String feature = "org.example.workload.feature.group";
        repo.addInstallableUnits(List.of(
                unit("org.example.workload", version, "Example workload bundle", false),
                unit(feature, version, "Example Workload", true, "org.example.workload@[" + version + "," + version + "]"),
                unit("org.example.broken.feature.group", "1.0.0", "Broken Plugin", true, "org.example.missing@0.0.0"),
                category("example.workloads", "Workloads", feature, "org.example.broken.feature.group")));
        return uri;
    }

}
