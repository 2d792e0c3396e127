package org.seedbench.p2;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UninstallOperation;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.IRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * What Help > Install Plugins… and {@code seedbench plugins} do, without a user interface: reads an update site's
 * categories and features, tells which are installed, resolves install, update and uninstall operations against
 * an installation's p2 profile (the running one, or any agent and profile, for tests) and carries them out under
 * the {@link TrustPolicy}.
 */
public final class PluginSite implements AutoCloseable {
    /** The suffix p2 gives a feature's installable unit. */
    public static final String FEATURE_GROUP = ".feature.group";
    /** A system property naming the default update site. */
    public static final String SITE_PROPERTY = "seedbench.updateSite";

    /** A feature offered by a site: its unit, category, and the version installed now ({@code null}: none). */
    public record Plugin(IInstallableUnit unit, String category, String installedVersion) implements FeatureUnit {
        public boolean installed() {
            return installedVersion != null;
        }
    }

    private final IProvisioningAgent agent;
    private final String profileId;
    private final boolean ownsAgent;

    public PluginSite(IProvisioningAgent agent, String profileId) {
        this(agent, profileId, false);
    }

    private PluginSite(IProvisioningAgent agent, String profileId, boolean ownsAgent) {
        this.agent = agent;
        this.profileId = profileId;
        this.ownsAgent = ownsAgent;
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
        operation.resolveModal(orNone(monitor));
        return operation;
    }

    /**
     * Why an operation cannot go ahead, in one line: p2's summary and its first "Missing requirement" (or
     * conflict) line, which names what the site lacks.
     */
    public static String explain(ProfileChangeOperation operation) {
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
        return update(site, List.of(), monitor);
    }

    /** A feature installed in the profile: part of the product, or a plugin installed into it (a root). */
    public record Feature(IInstallableUnit unit, boolean plugin) implements FeatureUnit {
    }

    /** A feature's unit, read as a person names it: id without p2's suffix, name, version. */
    public interface FeatureUnit {
        IInstallableUnit unit();

        default String id() {
            return featureId(unit().getId());
        }

        /** The unit's name, or its feature id when it has none. */
        default String name() {
            String name = unit().getProperty(IInstallableUnit.PROP_NAME, null);
            return name == null ? id() : name;
        }

        default String version() {
            return unit().getVersion().toString();
        }
    }

    /** A feature's id from its unit's id or as a person types it: without p2's {@code .feature.group} suffix. */
    public static String featureId(String id) {
        return id.endsWith(FEATURE_GROUP) ? id.substring(0, id.length() - FEATURE_GROUP.length()) : id;
    }


    /**
     * The p2 installation this OSGi framework runs from, managed through an agent of its own on the installation's
     * p2 folder and profile (the ones the product's {@code eclipse.p2.data.area} and {@code eclipse.p2.profile}
     * name), as the p2 director works on an installation. The folder is taken relative to the configuration area
     * that holds {@code config.ini}: the shared one when each run has a configuration area of its own (the
     * headless launcher), which the running agent of p2 would not find. Close it when done.
     *
     * @return the installation, or {@code null} when this framework was not installed by p2 (no profile)
     * @throws ProvisionException when the installation's p2 folder cannot be opened
     */
    public static PluginSite installation(BundleContext context) throws ProvisionException {
        String profile = context.getProperty("eclipse.p2.profile");
        String area = context.getProperty("eclipse.p2.data.area");
        if (profile == null || area == null) {
            return null;
        }
        String configuration = context.getProperty("osgi.sharedConfiguration.area");
        if (configuration == null) {
            configuration = context.getProperty("osgi.configuration.area");
        }
        URI location;
        try {
            location = area.startsWith("@config.dir") && configuration != null
                    ? folder(configuration).resolve(area.substring("@config.dir".length()).replaceFirst("^/", ""))
                            .normalize().toUri()
                    : folder(area).toUri();
        } catch (RuntimeException e) {
            return null;
        }
        if (!Files.isDirectory(Path.of(location))) {
            return null;
        }
        ServiceReference<IProvisioningAgentProvider> reference = context
                .getServiceReference(IProvisioningAgentProvider.class);
        IProvisioningAgentProvider provider = reference == null ? null : context.getService(reference);
        if (provider == null) {
            throw new ProvisionException("p2's agent provider is not running in this installation");
        }
        try {
            IProvisioningAgent agent = provider.createAgent(location);
            // the profile is this installation's own: p2 then moves a roaming profile (as Tycho builds products) to
            // where the installation is now, instead of installing into the folder it was built in
            agent.registerService("FORCED_SELF", profile);
            IProfileRegistry profiles = agent.getService(IProfileRegistry.class);
            IProfile found = profiles == null ? null : profiles.getProfile(profile);
            if (found == null) {
                agent.stop();
                return null;
            }
            String folder = found.getProperty(IProfile.PROP_INSTALL_FOLDER);
            String here = context.getProperty("osgi.install.area");
            if (folder != null && here != null && !folder(here).equals(folder(folder))) {
                agent.stop();
                throw new ProvisionException("its p2 profile " + profile + " belongs to the installation in "
                        + folder + ", not to this one in " + folder(here));
            }
            return new PluginSite(agent, profile, true);
        } finally {
            context.ungetService(reference);
        }
    }

    /** A folder named by a path or a {@code file:} URL, as OSGi's area properties name them. */
    private static Path folder(String pathOrUrl) {
        String text = pathOrUrl.startsWith("file:") ? URI.create(pathOrUrl.replace(" ", "%20")).getPath()
                : pathOrUrl;
        return Path.of(text).toAbsolutePath();
    }

    /**
     * The update site a person typed: a URL ({@code https:}, {@code file:}…) or a folder.
     *
     * @throws IllegalArgumentException naming what is wrong with it: no such folder, or neither a URL nor a folder
     */
    public static URI siteUri(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("no update site given");
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getScheme().length() == 1) {
                Path p = Path.of(trimmed).toAbsolutePath();
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException("no such folder");
                }
                uri = p.toUri();
            } else if ("file".equals(uri.getScheme()) && !new File(uri).isDirectory()) {
                throw new IllegalArgumentException("no such folder");
            }
            return uri;
        } catch (URISyntaxException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("not a URL or a folder (" + e.getMessage() + ")", e);
        }
    }

    /** The features installed in the profile, by id: the product's own, and the plugins installed into it. */
    public List<Feature> installed() {
        IProfile profile = agent.getService(IProfileRegistry.class).getProfile(profileId);
        List<Feature> features = new ArrayList<>();
        if (profile != null) {
            for (IInstallableUnit unit : profile.query(QueryUtil.createIUGroupQuery(), null)) {
                if (unit.getId().endsWith(FEATURE_GROUP)) {
                    features.add(new Feature(unit, Boolean.parseBoolean(
                            profile.getInstallableUnitProperty(unit, IProfile.PROP_PROFILE_ROOT_IU))));
                }
            }
        }
        features.sort(Comparator.comparing(Feature::id));
        return features;
    }

    /** An update of {@code units} (empty: everything installed) to the newest versions {@code site} offers. */
    public UpdateOperation update(URI site, Collection<IInstallableUnit> units, IProgressMonitor monitor) {
        UpdateOperation operation = units.isEmpty() ? new UpdateOperation(new ProvisioningSession(agent))
                : new UpdateOperation(new ProvisioningSession(agent), units);
        operation.setProfileId(profileId);
        operation.getProvisioningContext().setMetadataRepositories(site);
        operation.getProvisioningContext().setArtifactRepositories(site);
        operation.resolveModal(orNone(monitor));
        return operation;
    }

    /** An uninstall of installed {@code units}, resolved against the profile alone (no site is read). */
    public UninstallOperation uninstall(Collection<IInstallableUnit> units, IProgressMonitor monitor) {
        UninstallOperation operation = new UninstallOperation(new ProvisioningSession(agent), units);
        operation.setProfileId(profileId);
        operation.getProvisioningContext().setMetadataRepositories();
        operation.getProvisioningContext().setArtifactRepositories();
        operation.resolveModal(orNone(monitor));
        return operation;
    }

    /**
     * Carries out a resolved operation under the {@link TrustPolicy}: p2 checks the signatures of what it
     * downloads and asks {@code consent} about anything it cannot verify; refused content is not installed and
     * the profile stays as it was.
     */
    public Outcome provision(ProfileChangeOperation operation, TrustPolicy policy, IProgressMonitor monitor) {
        IStatus resolution = operation.getResolutionResult();
        if (resolution == null || resolution.getSeverity() == IStatus.ERROR
                || resolution.getSeverity() == IStatus.CANCEL) {
            return new Outcome(Outcome.Result.UNRESOLVED, explain(operation), Unverified.NONE, List.of());
        }
        ProvisioningJob job = operation.getProvisioningJob(null);
        if (resolution.getCode() == UpdateOperation.STATUS_NOTHING_TO_UPDATE || job == null) {
            return new Outcome(Outcome.Result.NOTHING_TO_DO,
                    "Nothing to update: every plugin is the newest the site offers.", Unverified.NONE, List.of());
        }
        Trust trust = new Trust(policy);
        Object previous = agent.getService(UIServices.SERVICE_NAME);
        agent.registerService(UIServices.SERVICE_NAME, trust);
        IStatus status;
        try {
            status = job.runModal(orNone(monitor));
        } finally {
            agent.unregisterService(UIServices.SERVICE_NAME, trust);
            if (previous != null) {
                agent.registerService(UIServices.SERVICE_NAME, previous);
            }
        }
        if (trust.declined()) {
            return new Outcome(Outcome.Result.DECLINED, "Nothing was installed: p2 cannot verify who made the "
                    + "content (" + trust.report().describe() + ").", trust.report(), List.of());
        }
        if (status.getSeverity() == IStatus.ERROR || status.getSeverity() == IStatus.CANCEL) {
            return new Outcome(Outcome.Result.FAILED, message(status), trust.report(), List.of());
        }
        return new Outcome(Outcome.Result.DONE, "Done. The change takes effect after a restart.", trust.report(),
                List.of());
    }

    /** The monitor, or one that reports nowhere when {@code null} is given (no progress wanted). */
    private static IProgressMonitor orNone(IProgressMonitor monitor) {
        return monitor == null ? new NullProgressMonitor() : monitor;
    }

    /**
     * A status's message with the messages of every status below it and of their exceptions, which say what actually
     * went wrong (the top says only in which phase and action).
     */
    private static String message(IStatus status) {
        StringBuilder message = new StringBuilder();
        append(status, message);
        return message.toString();
    }

    private static void append(IStatus status, StringBuilder message) {
        String text = status.getMessage();
        if (text != null && !text.isBlank() && message.indexOf(text) < 0) {
            message.append(message.length() == 0 ? "" : ": ").append(text.strip());
        }
        for (Throwable e = status.getException(); e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e.getMessage() != null && message.indexOf(e.getMessage()) < 0) {
                message.append(": ").append(e.getMessage());
            }
        }
        for (IStatus child : status.getChildren()) {
            append(child, message);
        }
    }

    /** Stops the agent {@link #installation} made (an agent given to the constructor is left running). */
    @Override
    public void close() {
        if (ownsAgent) {
            agent.stop();
        }
    }
}
