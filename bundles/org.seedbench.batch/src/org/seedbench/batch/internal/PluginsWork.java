package org.seedbench.batch.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.p2.Outcome;
import org.seedbench.p2.Plugins;
import org.seedbench.p2.TrustPolicy;
import org.seedbench.p2.Unverified;

/**
 * What {@code seedbench plugins} does once its command line is read, on the installation's p2 profile through
 * {@link Plugins} (whose p2 work the workbench's Help > Install Plugins… shares). Loaded only by that verb: the only
 * class of the command line that leads to p2, so the other verbs neither load nor start a p2 bundle.
 */
final class PluginsWork {
    static final String RESTART = "It takes effect after a restart: the next seedbench command starts with the change "
            + "(a seedbench that is running now does not).";

    private final Invocation inv;
    private final BundleContext context;

    PluginsWork(Invocation inv, BundleContext context) {
        this.inv = inv;
        this.context = context;
    }

    static URI siteUri(String text) {
        return Plugins.siteUri(text);
    }

    private static InvalidInputException refused(Plugins.Refusal r) {
        return new InvalidInputException(new Problem(r.field(), r.value(), r.getMessage(), r.allowed()));
    }

    /** The installation's plugins, or {@code null} after saying why there are none to manage. */
    private Plugins open() throws InvalidInputException {
        try {
            Plugins plugins = Plugins.installation(context);
            if (plugins == null) {
                inv.err().println("seedbench plugins: this installation was not installed by p2 (it has no p2 "
                        + "profile), so plugins cannot be managed in it; use the product built by ./mvnw verify or "
                        + "unpacked from its archive");
            }
            return plugins;
        } catch (Plugins.Refusal e) {
            throw refused(e);
        }
    }

    /** The work of one action on the installation's plugins. */
    @FunctionalInterface
    interface Action {
        ExitCode run(Plugins plugins) throws Plugins.Refusal;
    }

    ExitCode run(Action action) throws InvalidInputException {
        try (Plugins plugins = open()) {
            return plugins == null ? ExitCode.FAILURE : action.run(plugins);
        } catch (Plugins.Refusal e) {
            throw refused(e);
        }
    }

    ExitCode list(Plugins plugins, URI site) throws Plugins.Refusal {
        if (site != null) {
            return listSite(plugins.offered(site));
        }
        List<Plugins.Installed> features = plugins.installed();
        if (inv.json()) {
            Views.printJson(inv.out(), features.stream().map(f -> row(f.id(), f.version(), f.name(), "plugin",
                    f.plugin())).toList());
            return ExitCode.DONE;
        }
        String format = "%-45s %-24s %-8s %s%n";
        inv.out().printf(format, "FEATURE", "VERSION", "KIND", "NAME");
        for (Plugins.Installed f : features) {
            inv.out().printf(format, f.id(), f.version(), f.plugin() ? "plugin" : "product", f.name());
        }
        return ExitCode.DONE;
    }

    private ExitCode listSite(List<Plugins.Offered> offered) {
        if (inv.json()) {
            Views.printJson(inv.out(), offered.stream().map(p -> {
                Map<String, Object> m = row(p.id(), p.version(), p.name(), "installedVersion", p.installedVersion());
                m.put("category", p.category());
                return m;
            }).toList());
            return ExitCode.DONE;
        }
        String format = "%-18s %-45s %-24s %s%n";
        inv.out().printf(format, "CATEGORY", "FEATURE", "VERSION", "INSTALLED");
        for (Plugins.Offered p : offered) {
            inv.out().printf(format, p.category(), p.id(), p.version(),
                    p.installedVersion() == null ? "-" : p.installedVersion());
        }
        return ExitCode.DONE;
    }

    private static Map<String, Object> row(String id, String version, String name, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("version", version);
        m.put("name", name);
        m.put(key, value);
        return m;
    }

    /** Says how an install, update or removal ended, and returns its exit code. */
    ExitCode report(Outcome outcome, String done, boolean acceptUnsigned, boolean trustSigners) {
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("result", outcome.result().name());
            m.put("message", outcome.message());
            m.put("changed", outcome.changed());
            m.put("unsigned", outcome.unverified().unsigned());
            m.put("untrustedSigners", outcome.unverified().untrustedSigners());
            m.put("restartNeeded", outcome.result() == Outcome.Result.DONE);
            Views.printJson(inv.out(), m);
        }
        switch (outcome.result()) {
            case DONE -> {
                if (!inv.json()) {
                    inv.out().println(done + " " + (outcome.changed().isEmpty() ? "nothing"
                            : String.join(", ", outcome.changed())) + ".");
                    if (!outcome.unverified().isEmpty()) {
                        inv.out().println("Accepted what p2 cannot verify (" + String.join(", ", options(
                                acceptUnsigned ? outcome.unverified() : Unverified.NONE, trustSigners
                                        ? outcome.unverified() : Unverified.NONE)) + "): "
                                + outcome.unverified().describe());
                    }
                    inv.out().println(RESTART);
                }
                return ExitCode.DONE;
            }
            case NOTHING_TO_DO -> {
                if (!inv.json()) {
                    inv.out().println(outcome.message());
                }
                return ExitCode.DONE;
            }
            case DECLINED -> {
                inv.err().println("seedbench plugins: nothing was changed: p2 cannot verify who made the content ("
                        + outcome.unverified().describe() + "); if you trust the update site, run again with "
                        + String.join(" ", options(outcome.unverified(), outcome.unverified())));
                return ExitCode.NEEDS_ACTION;
            }
            case UNRESOLVED -> {
                inv.err().println("seedbench plugins: " + outcome.message());
                return ExitCode.INVALID_INPUT;
            }
            default -> {
                inv.err().println("seedbench plugins: failed: " + outcome.message());
                return ExitCode.FAILURE;
            }
        }
    }

    /** The options accepting what is unsigned in {@code unsigned} and what has untrusted signers in {@code signed}. */
    private static List<String> options(Unverified unsigned, Unverified signed) {
        List<String> options = new ArrayList<>();
        if (!unsigned.unsigned().isEmpty()) {
            options.add("--accept-unsigned");
        }
        if (!signed.untrustedSigners().isEmpty()) {
            options.add("--trust-signers");
        }
        return options;
    }

    static TrustPolicy policy(boolean acceptUnsigned, boolean trustSigners) {
        return TrustPolicy.given(acceptUnsigned, trustSigners);
    }
}
