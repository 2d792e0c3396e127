package org.seedbench.p2;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.osgi.framework.BundleContext;

/**
 * The plugins of a p2 installation by feature id, in plain Java types: what {@code seedbench plugins} asks, so that
 * the command line names no p2 type (and loads no p2 class until that verb runs). Work is done by
 * {@link PluginSite}, which the workbench's Help > Install Plugins… uses too.
 */
public final class Plugins implements AutoCloseable {

    /** A feature installed: part of the product, or a plugin installed into it (which can be removed). */
    public record Installed(String id, String version, String name, boolean plugin) {
    }

    /** A feature an update site offers, with the version installed now ({@code null}: none). */
    public record Offered(String category, String id, String version, String name, String installedVersion) {
    }

    /** An input the command line must refuse: what (e.g. {@code feature}), the value, the problem, what is allowed. */
    public static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final String value;
        private final String allowed;

        Refusal(String field, String value, String problem, String allowed) {
            super(problem);
            this.field = field;
            this.value = value;
            this.allowed = allowed;
        }

        public String field() {
            return field;
        }

        public String value() {
            return value;
        }

        public String allowed() {
            return allowed;
        }
    }

    private final PluginSite site;

    private Plugins(PluginSite site) {
        this.site = site;
    }

    /** The plugins of the installation {@code site} works on (closing them closes it). */
    public static Plugins of(PluginSite site) {
        return new Plugins(site);
    }

    /**
     * The installation this framework runs from ({@link PluginSite#installation}), or {@code null} when it was not
     * installed by p2.
     *
     * @throws Refusal when its p2 folder cannot be opened
     */
    public static Plugins installation(BundleContext context) throws Refusal {
        try {
            PluginSite installation = PluginSite.installation(context);
            return installation == null ? null : new Plugins(installation);
        } catch (ProvisionException e) {
            throw new Refusal("installation", null, "its p2 folder cannot be opened: " + e.getMessage(), null);
        }
    }

    /** The update site a person typed, see {@link PluginSite#siteUri}. */
    public static URI siteUri(String text) {
        return PluginSite.siteUri(text);
    }

    public List<Installed> installed() {
        return site.installed().stream().map(f -> new Installed(f.id(), f.version(), f.name(), f.plugin())).toList();
    }

    /** @throws Refusal when the site cannot be read (not found, not a p2 repository) */
    public List<Offered> offered(URI from) throws Refusal {
        return plugins(from).stream().map(p -> new Offered(p.category(), p.id(), p.version(), p.name(),
                p.installedVersion())).toList();
    }

    private List<PluginSite.Plugin> plugins(URI from) throws Refusal {
        try {
            return site.plugins(from, null);
        } catch (ProvisionException e) {
            throw new Refusal("update site", from.toString(), "cannot be read: " + e.getMessage(),
                    "a p2 update site: a URL or a folder holding content.jar or content.xml");
        }
    }

    /** The items of {@code among} named by {@code typed}, or a refusal naming the first one that is not there. */
    private static <T> List<T> named(List<String> typed, List<T> among, Function<T, String> id, String problem,
            String allowed) throws Refusal {
        List<T> found = new ArrayList<>();
        for (String t : typed) {
            T match = among.stream().filter(a -> id.apply(a).equals(PluginSite.featureId(t))).findFirst()
                    .orElse(null);
            if (match == null) {
                throw new Refusal("feature", t, problem, allowed);
            }
            found.add(match);
        }
        return found;
    }

    private List<String> versions() {
        return site.installed().stream().map(f -> f.id() + " " + f.version()).toList();
    }

    /** The outcome with the features that appeared ({@code added}) or went away since {@code before}. */
    private Outcome changed(Outcome outcome, List<String> before, boolean added) {
        List<String> after = versions();
        return outcome.withChanged((added ? after : before).stream()
                .filter(f -> !(added ? before : after).contains(f)).toList());
    }

    /**
     * Installs the features {@code ids} of the site (the newest version it offers) under the trust policy.
     *
     * @throws Refusal when the site cannot be read or does not offer one of them
     */
    public Outcome install(URI from, List<String> ids, TrustPolicy policy) throws Refusal {
        List<PluginSite.Plugin> offered = plugins(from);
        List<PluginSite.Plugin> wanted = named(ids, offered, PluginSite.Plugin::id, "the update site " + from
                + " does not offer it", String.join(", ", offered.stream().map(PluginSite.Plugin::id).toList()));
        List<IInstallableUnit> units = wanted.stream().filter(p -> !p.version().equals(p.installedVersion()))
                .map(PluginSite.Plugin::unit).toList();
        if (units.isEmpty()) {
            return new Outcome(Outcome.Result.NOTHING_TO_DO, "Installed already: " + String.join(", ", wanted
                    .stream().map(p -> p.id() + " " + p.version()).toList()) + ".", Unverified.NONE, List.of());
        }
        List<String> before = versions();
        return changed(site.provision(site.install(from, units, null), policy, null), before, true);
    }

    /**
     * Updates the installed features {@code ids} (none: everything installed) to the newest versions the site
     * offers, under the trust policy.
     *
     * @throws Refusal when one of them is not installed or the site cannot be read
     */
    public Outcome update(URI from, List<String> ids, TrustPolicy policy) throws Refusal {
        List<IInstallableUnit> units = named(ids, site.installed(), PluginSite.Feature::id, "is not installed",
                "seedbench plugins list shows what is").stream().map(PluginSite.Feature::unit).toList();
        plugins(from);
        List<String> before = versions();
        return changed(site.provision(site.update(from, units, null), policy, null), before, true);
    }

    /**
     * Removes the plugins {@code ids}, installed before; the product's own features stay.
     *
     * @throws Refusal when one is not installed or is part of the product
     */
    public Outcome remove(List<String> ids) throws Refusal {
        List<PluginSite.Feature> features = named(ids, site.installed(), PluginSite.Feature::id, "is not installed",
                "seedbench plugins list shows what is");
        for (PluginSite.Feature f : features) {
            if (!f.plugin()) {
                throw new Refusal("feature", f.id(), "is part of the product, not a plugin installed into it, so it "
                        + "cannot be removed", null);
            }
        }
        List<String> before = versions();
        return changed(site.provision(site.uninstall(features.stream().map(PluginSite.Feature::unit).toList(), null),
                TrustPolicy.given(false, false), null), before, false);
    }

    @Override
    public void close() {
        site.close();
    }
}
