package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ReferenceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.catalog.CatalogConflictException;
import org.seedbench.catalog.CatalogException;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.rules.IllegalTransitionException;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.JobService;
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code seedbench} command line: parses the verb and its options with picocli (the verbs are the registered
 * {@link CliVerb} services), runs it with the catalog and the registered plugins, and turns every outcome into an
 * exit code and, for errors, one line on stderr.
 */
@Component(service = CommandLine.class)
public class CommandLine {
    /** Where the catalog and keys live unless {@code --data} says otherwise. */
    public static final String DATA_ENV = Workspaces.DATA_ENV;

    @Reference
    private CatalogService catalogs;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<WorkloadSource> workloadSources;

    @Reference(service = CliVerb.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            scope = ReferenceScope.PROTOTYPE_REQUIRED)
    private volatile List<ComponentServiceObjects<CliVerb>> verbs;

    @Reference
    private StageService stage;

    @Reference
    private RepositoryService repositories;

    @Reference
    private DrivePreparationService drives;

    @Reference
    private ImportJobService importJobs;

    @Reference
    private VaultService vault;

    @Reference
    private CloudConnectors connectors;

    @Reference
    private JobService jobs;

    @Reference
    private Workspaces workspaces;

    private final Clock clock;

    public CommandLine() {
        this(Clock.systemDefaultZone());
    }

    CommandLine(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs one command line.
     *
     * @param env the environment ({@code SEEDBENCH_DATA}, {@code HOME}…)
     * @return the exit code
     */
    public int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(Arrays.asList(args), out, err, env).code();
    }

    /** The product's version, as {@code seedbench --version} prints it. */
    static String version() {
        Bundle bundle = FrameworkUtil.getBundle(CommandLine.class);
        return bundle == null ? "unknown" : bundle.getVersion().toString();
    }

    /**
     * Prints {@code seedbench VERSION} when the command line asks for the version ({@code --version}, {@code -V}),
     * before any verb is made or modelled: the version needs none.
     *
     * @return whether it did
     */
    static boolean printVersion(List<String> args, PrintStream out) {
        if (args.isEmpty() || !(args.get(0).equals("--version") || args.get(0).equals("-V"))) {
            return false;
        }
        out.println("seedbench " + version());
        return true;
    }

    private ExitCode run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (printVersion(args, out)) {
            return ExitCode.DONE;
        }
        List<ComponentServiceObjects<CliVerb>> registered = verbs == null ? List.of() : new ArrayList<>(verbs);
        List<Instance> instances = new ArrayList<>();
        try {
            for (ComponentServiceObjects<CliVerb> objects : registered) {
                CliVerb verb = objects.getService();
                if (verb != null) {
                    instances.add(new Instance(objects, verb));
                }
            }
            return run(args, instances.stream().map(Instance::verb).toList(), out, err, env);
        } finally {
            instances.forEach(i -> i.objects().ungetService(i.verb()));
        }
    }

    /** A verb made for one command line, given back when it ends. */
    private record Instance(ComponentServiceObjects<CliVerb> objects, CliVerb verb) {
    }

    private ExitCode run(List<String> args, List<CliVerb> verbs, PrintStream out, PrintStream err,
            Map<String, String> env) {
        boolean debug = args.contains("--debug");
        PrintWriter outWriter = new PrintWriter(out, true);
        picocli.CommandLine cli = CliModel.model(verbs, args, outWriter, new PrintWriter(err, true));
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            printHelp(cli, args.isEmpty() ? err : out);
            return args.isEmpty() ? ExitCode.USAGE : ExitCode.DONE;
        }
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            return CliModel.usageError(e, err);
        }
        if (!parsed.hasSubcommand()) {
            return CliModel.usageError(new ParameterException(cli, "missing verb"), err);
        }
        ParseResult sub = parsed.subcommand();
        String name = sub.commandSpec().name();
        if (sub.isUsageHelpRequested()) {
            sub.commandSpec().commandLine().usage(out);
            return ExitCode.DONE;
        }
        if (sub.commandSpec().userObject() instanceof Runnable generator) {
            generator.run();
            outWriter.flush();
            return ExitCode.DONE;
        }
        CliVerb verb = (CliVerb) sub.commandSpec().userObject();
        try {
            Path data = dataDirectory(sub.matchedOptionValue("--data", null), env);
            if (Files.exists(data) && !Files.isDirectory(data)) {
                throw new InvalidInputException(new Problem("data directory", data.toString(), "is a file",
                        "a folder for the catalog and keys (--data DIR or " + DATA_ENV + ")"));
            }
            String first = CliModel.firstPositional(sub);
            String catalogUrl = Workspaces.catalogUrl(sub.matchedOptionValue("--catalog", null), env);
            if (verb.needsCatalog() && first != null && !catalogs.exists(data, catalogUrl)) {
                throw Invocation.noCatalog(data, first);
            }
            List<WorkloadSource> sources = workloadSources == null ? List.of() : new ArrayList<>(workloadSources);
            try (Workspace workspace = workspaces.open(data, catalogUrl)) {
                return verb.run(new Invocation(sub, out, err, env, workspace,
                        new Invocation.Services(catalogs, sources, stage, repositories, drives, importJobs, vault,
                                connectors, jobs, workspaces), clock, verb.createsCatalog(),
                        (a, o) -> run(a, o, err, env)));
            }
        } catch (Exception e) {
            return report(name, sub.commandSpec().commandLine(), e, debug, err);
        } catch (OutOfMemoryError e) {
            err.println("seedbench " + name + ": " + outOfMemory());
            return ExitCode.FAILURE;
        }
    }

    /** What to do when the Java heap ran out: the line a verb (or the application) fails with. */
    static String outOfMemory() {
        return "ran out of memory (the Java heap holds at most " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MB): give it more with SEEDBENCH_VMARGS=-Xmx<size> and run the command again; what was written"
                + " is kept, and a stage or backup resumes where it stopped";
    }

    /**
     * Tells on {@code err} why a verb failed, as {@code seedbench VERB: …}, and returns its exit code: 2 for a usage
     * error (with the verb's usage line), 3 for invalid input or a step the job's state does not allow, 1 for
     * anything else.
     */
    static ExitCode report(String name, picocli.CommandLine verb, Exception failure, boolean debug, PrintStream err) {
        try {
            throw failure;
        } catch (UsageException e) {
            err.println("seedbench " + name + ": " + e.getMessage());
            err.println(e.usage() != null ? e.usage() : CliModel.usageLine(verb));
            return ExitCode.USAGE;
        } catch (InvalidInputException e) {
            List<Problem> problems = e.problems().stream().map(ReturnOptions::labelled).toList();
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more: "
                    + String.join("; ", problems.subList(1, problems.size()).stream().map(Problem::field).toList())
                    + ")" : "";
            err.println("seedbench " + name + ": " + problems.get(0).message() + more);
            debug(debug, err, e);
            return ExitCode.INVALID_INPUT;
        } catch (IllegalTransitionException e) {
            err.println("seedbench " + name + ": " + e.getMessage());
            debug(debug, err, e);
            return ExitCode.INVALID_INPUT;
        } catch (CatalogConflictException e) {
            err.println("seedbench " + name + ": " + e.getMessage());
            debug(debug, err, e);
            return ExitCode.CONFLICT;
        } catch (CatalogException e) {
            err.println("seedbench " + name + ": " + e.getMessage());
            debug(debug, err, e);
            return ExitCode.FAILURE;
        } catch (Exception e) {
            err.println("seedbench " + name + ": failed: " + e.getMessage()
                    + (debug ? "" : " (--debug shows the details)"));
            debug(debug, err, e);
            return ExitCode.FAILURE;
        }
    }

    private static void debug(boolean debug, PrintStream err, Exception e) {
        if (debug) {
            e.printStackTrace(err);
        }
    }

    static Path dataDirectory(String option, Map<String, String> env) {
        return Workspaces.dataDirectory(option, env, System.getProperty("user.home"));
    }

    private static void printHelp(picocli.CommandLine cli, PrintStream out) {
        out.println("usage: seedbench <verb> [options]   (seedbench <verb> --help for a verb's options)");
        out.println();
        for (picocli.CommandLine verb : CliModel.visibleVerbs(cli)) {
            out.printf("  %-15s %s%n", verb.getCommandName(), CliModel.summary(verb));
        }
        out.println();
        out.println("Every verb takes --json (machine-readable output), --data DIR (default ~/.seedbench or "
                + DATA_ENV + ") and --debug.");
        out.println("Exit codes: 0 done, 1 failure, 2 usage, 3 invalid input, 4 needs action.");
        out.println("seedbench --version prints the version; seedbench generate-completion prints the bash/zsh "
                + "completion script.");
    }
}
