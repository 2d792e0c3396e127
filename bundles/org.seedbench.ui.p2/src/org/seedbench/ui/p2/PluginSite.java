package org.seedbench.ui.p2;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.IRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;

/**
 * What Help > Install Plugins… does, without a user interface: reads an update site's categories and
 * features, tells which are installed, and resolves install and update operations against the running
 * installation's p2 profile (or any agent and profile, for tests).
 */
public final class PluginSite {
    /** The suffix p2 gives a feature's installable unit. */
    public static final String FEATURE_GROUP = ".feature.group";
    /** A system property naming the default update site. */
    public static final String SITE_PROPERTY = "seedbench.updateSite";

    /** A feature offered by a site: its unit, category, and the version installed now ({@code null}: none). */
    public record Plugin(IInstallableUnit unit, String category, String installedVersion) {
        public String id() {
            String id = unit.getId();
            return id.endsWith(FEATURE_GROUP) ? id.substring(0, id.length() - FEATURE_GROUP.length()) : id;
        }

        public String name() {
            String name = unit.getProperty(IInstallableUnit.PROP_NAME, null);
            return name == null ? id() : name;
        }

        public String version() {
            return unit.getVersion().toString();
        }

        public boolean installed() {
            return installedVersion != null;
        }
    }

    private final IProvisioningAgent agent;
    private final String profileId;

    public PluginSite(IProvisioningAgent agent, String profileId) {
        this.agent = agent;
        this.profileId = profileId;
    }

    /**
     * The running installation's site, given the agent p2 registers for it (an OSGi service), or {@code null}
     * when there is none or the installation is not managed by p2 (started from a build folder without a p2
     * profile).
     */
    public static PluginSite running(IProvisioningAgent agent) {
        IProfileRegistry profiles = agent == null ? null : agent.getService(IProfileRegistry.class);
        if (profiles == null || profiles.getProfile(IProfileRegistry.SELF) == null) {
            return null;
        }
        return new PluginSite(agent, IProfileRegistry.SELF);
    }

    /** The site to offer first: the system property, else the last site used, else {@code null}. */
    public URI defaultSite() {
        String property = System.getProperty(SITE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return URI.create(property.trim());
        }
        IMetadataRepositoryManager manager = agent.getService(IMetadataRepositoryManager.class);
        URI[] known = manager == null ? new URI[0]
                : manager.getKnownRepositories(IRepositoryManager.REPOSITORIES_NON_SYSTEM);
        return known.length == 0 ? null : known[known.length - 1];
    }

    /**
     * The site's features by category (categories by name, features by name, the newest version of each),
     * with the version of each installed now.
     *
     * @throws ProvisionException when the site cannot be read (not found, not a p2 repository)
     */
    public List<Plugin> plugins(URI site, IProgressMonitor monitor) throws ProvisionException {
        SubMonitor sub = SubMonitor.convert(monitor, "Reading " + site, 10);
        IMetadataRepositoryManager manager = agent.getService(IMetadataRepositoryManager.class);
        IMetadataRepository repository = manager.loadRepository(site, sub.split(8));
        IProfile profile = agent.getService(IProfileRegistry.class).getProfile(profileId);
        List<IInstallableUnit> categories = new ArrayList<>(
                repository.query(QueryUtil.createIUCategoryQuery(), sub.split(1)).toUnmodifiableSet());
        categories.sort(Comparator.comparing(c -> String.valueOf(c.getProperty(IInstallableUnit.PROP_NAME, null))));
        List<Plugin> plugins = new ArrayList<>();
        SubMonitor members = sub.split(1).setWorkRemaining(categories.size());
        for (IInstallableUnit category : categories) {
            String label = category.getProperty(IInstallableUnit.PROP_NAME, null);
            Map<String, IInstallableUnit> newest = new LinkedHashMap<>();
            for (IInstallableUnit unit : repository.query(QueryUtil.createIUCategoryMemberQuery(category),
                    members.split(1))) {
                newest.merge(unit.getId(), unit, (a, b) -> a.getVersion().compareTo(b.getVersion()) >= 0 ? a : b);
            }
            List<Plugin> inCategory = new ArrayList<>();
            for (IInstallableUnit unit : newest.values()) {
                String installed = null;
                if (profile != null) {
                    for (IInstallableUnit i : profile.query(QueryUtil.createIUQuery(unit.getId()), null)) {
                        installed = i.getVersion().toString();
                    }
                }
                inCategory.add(new Plugin(unit, label == null ? category.getId() : label, installed));
            }
            inCategory.sort(Comparator.comparing(Plugin::name));
            plugins.addAll(inCategory);
        }
        return plugins;
    }

    /**
     * An install of {@code units} from {@code site} into the profile, resolved: its
     * {@link InstallOperation#getResolutionResult()} says whether it can go ahead (and why not), and
     * {@link InstallOperation#getProvisioningJob} then carries it out.
     */
    public InstallOperation install(URI site, Collection<IInstallableUnit> units, IProgressMonitor monitor) {
        InstallOperation operation = new InstallOperation(new ProvisioningSession(agent), units);
        operation.setProfileId(profileId);
        operation.getProvisioningContext().setMetadataRepositories(site);
        operation.getProvisioningContext().setArtifactRepositories(site);
        operation.resolveModal(monitor);
        return operation;
    }

    /**
     * Why an operation cannot go ahead, in one line: p2's summary and its first "Missing requirement" (or
     * conflict) line, which names what the site lacks.
     */
    public static String explain(org.eclipse.equinox.p2.operations.ProfileChangeOperation operation) {
        String details = operation.getResolutionDetails();
        if (details == null || details.isBlank()) {
            IStatus status = operation.getResolutionResult();
            return status == null ? "The operation could not be resolved." : status.getMessage();
        }
        List<String> lines = details.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String reason = lines.stream().filter(l -> l.startsWith("Missing requirement") || l.startsWith("Cannot satisfy")
                || l.contains("conflict")).findFirst().orElse(null);
        return reason == null || reason.equals(lines.get(0)) ? lines.get(0) : lines.get(0) + " " + reason;
    }

    /** An update of everything installed to the newest versions {@code site} offers, resolved. */
    public UpdateOperation update(URI site, IProgressMonitor monitor) {
        UpdateOperation operation = new UpdateOperation(new ProvisioningSession(agent));
        operation.setProfileId(profileId);
        operation.getProvisioningContext().setMetadataRepositories(site);
        operation.getProvisioningContext().setArtifactRepositories(site);
        operation.resolveModal(monitor);
        return operation;
    }
}
