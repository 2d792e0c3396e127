package org.seedbench.batch.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench plugins list|install|update|remove}: the plugins of this installation, installed from an update
 * site with p2 (as Help > Install Plugins… does in the workbench, with the same trust policy). This class only reads
 * the command line; the work, which needs p2, is in {@link PluginsWork}, so that no p2 bundle is loaded or started
 * by the other verbs.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "plugins", description = "list, install, update or remove plugins from an update site (p2)",
        footer = { "list: the features installed (the product's and the plugins installed into it); with --site, "
                + "what the site offers and the version installed.",
                "install FEATURE… --site URL|DIR: installs features of the site (e.g. "
                        + "org.seedbench.workload.command.feature); update [FEATURE…] --site URL|DIR: updates them "
                        + "(all installed features when none is named) to the newest the site offers; remove "
                        + "FEATURE…: removes plugins installed before. A change takes effect at the next start: "
                        + "the next seedbench command.",
                "p2 checks every artifact's signature. Content it cannot verify is refused (exit 4, naming it) "
                        + "unless --accept-unsigned (content without a signature) or --trust-signers (signed by a "
                        + "certificate or PGP key not trusted yet) says yes to it, for this install only." })
public final class PluginsVerb implements CliVerb {
    static final List<String> ACTIONS = List.of("list", "install", "update", "remove");

    @Parameters(index = "0", paramLabel = "ACTION", description = "what to do: list, install, update or remove",
            completionCandidates = Actions.class)
    String action;

    @Parameters(index = "1..*", paramLabel = "FEATURE", arity = "0..*",
            description = "a feature's id, e.g. org.seedbench.workload.command.feature")
    List<String> features = new ArrayList<>();

    @Option(names = "--site", paramLabel = "URL|DIR", description = "the update site: a URL or a folder")
    String site;

    @Option(names = "--accept-unsigned", description = "install content that carries no signature")
    boolean acceptUnsigned;

    @Option(names = "--trust-signers",
            description = "install content signed by a certificate or PGP key that is not trusted yet")
    boolean trustSigners;

    /** The actions, for the shell completion. */
    static final class Actions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ACTIONS.iterator();
        }
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public boolean needsCatalog() {
        return false;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (!ACTIONS.contains(action)) {
            throw new UsageException("unknown action '" + Problem.escape(action) + "'; the actions are "
                    + String.join(", ", ACTIONS), null);
        }
        if ((action.equals("install") || action.equals("remove")) && features.isEmpty()) {
            throw new UsageException("missing FEATURE: the feature to " + action + " (seedbench plugins list"
                    + (action.equals("install") ? " --site URL|DIR shows what a site offers)" : " shows them)"), null);
        }
        if (action.equals("list") && !features.isEmpty()) {
            throw new UsageException("list takes no FEATURE", null);
        }
        if ((action.equals("install") || action.equals("update")) && site == null) {
            throw new UsageException("option --site is needed to " + action + ": the update site (a URL or a folder)",
                    null);
        }
        if (action.equals("remove") && site != null) {
            throw new UsageException("remove takes no --site: it removes what is installed", null);
        }
        if ((acceptUnsigned || trustSigners) && !(action.equals("install") || action.equals("update"))) {
            throw new UsageException((acceptUnsigned ? "--accept-unsigned" : "--trust-signers")
                    + " applies to install and update only", null);
        }
        java.net.URI uri = null;
        if (site != null) {
            try {
                uri = PluginsWork.siteUri(site);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(new Problem("update site", site, e.getMessage(),
                        "a p2 update site: a URL or a folder holding content.jar or content.xml"));
            }
        }
        PluginsWork work = new PluginsWork(inv, FrameworkUtil.getBundle(PluginsVerb.class).getBundleContext());
        java.net.URI from = uri;
        return switch (action) {
            case "list" -> work.run(plugins -> work.list(plugins, from));
            case "install" -> work.run(plugins -> work.report(plugins.install(from, features,
                    PluginsWork.policy(acceptUnsigned, trustSigners)), "Installed", acceptUnsigned, trustSigners));
            case "update" -> work.run(plugins -> work.report(plugins.update(from, features,
                    PluginsWork.policy(acceptUnsigned, trustSigners)), "Updated", acceptUnsigned, trustSigners));
            default -> work.run(plugins -> work.report(plugins.remove(features), "Removed", false, false));
        };
    }
}
