package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
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

/**
 * The {@code seedbench} command line: parses the verb and its options, runs it with the catalog and the
 * registered plugins, and turns every outcome into an exit code and, for errors, one line on stderr.
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

    private Map<String, Verb> verbs(PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, Verb> verbs = new LinkedHashMap<>();
        for (Verb v : List.of(new InitVerb(), new WorkloadsVerb(), new JobsVerb(), new StatusVerb(), new StageVerb(), new SnapshotsVerb(),
                new VerifyVerb(), new RestoreVerb(), new PrepareDrivesVerb(), new DrivesVerb(), new VerifyDriveVerb(),
                new ShipVerb(), new SeedVaultVerb(), new BackupVerb(), new CleanupVerb(),
                new RunPlanVerb((a, o) -> run(a, o, err, env)), new DemoVerb(a -> run(a, out, err, env)),
                new GenerateDatasetVerb(), new CatalogVerb())) {
            verbs.put(v.name(), v);
        }
        return verbs;
    }

    private ExitCode run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, Verb> verbs = verbs(out, err, env);
        boolean debug = args.contains("--debug");
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            printHelp(verbs, args.isEmpty() ? err : out);
            return args.isEmpty() ? ExitCode.USAGE : ExitCode.DONE;
        }
        Verb verb = verbs.get(args.get(0));
        if (verb == null) {
            err.println("seedbench: unknown verb '" + args.get(0) + "'; the verbs are " + String.join(", ", verbs.keySet()));
            err.println("usage: seedbench <verb> [options]; seedbench --help lists the verbs");
            return ExitCode.USAGE;
        }
        try {
            Args parsed = Args.parse(args.subList(1, args.size()), verb.valuedOptions(), verb.flagOptions(),
                    verb.usage());
            if (parsed.has("help")) {
                out.println(verb.help());
                return ExitCode.DONE;
            }
            Path data = dataDirectory(parsed.value("data"), env);
            if (Files.exists(data) && !Files.isDirectory(data)) {
                throw new InvalidInputException(new Problem("data directory", data.toString(), "is a file",
                        "a folder for the catalog and keys (--data DIR or " + DATA_ENV + ")"));
            }
            if (verb.needsCatalog() && !parsed.positionals().isEmpty() && !catalogs.exists(data)) {
                throw Invocation.noCatalog(data, parsed.positionals().get(0));
            }
            List<WorkloadSource> sources = workloadSources == null ? List.of() : new ArrayList<>(workloadSources);
            try (Workspace workspace = workspaces.open(data)) {
                return verb.run(new Invocation(parsed, out, err, env, workspace,
                        new Invocation.Services(catalogs, sources, stage, repositories, drives, importJobs, vault,
                                connectors, jobs, workspaces), clock, verb.createsCatalog()));
            }
        } catch (UsageException e) {
            err.println("seedbench " + verb.name() + ": " + e.getMessage());
            err.println(e.usage());
            return ExitCode.USAGE;
        } catch (InvalidInputException e) {
            List<Problem> problems = e.problems();
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more: "
                    + String.join("; ", problems.subList(1, problems.size()).stream().map(Problem::field).toList())
                    + ")" : "";
            err.println("seedbench " + verb.name() + ": " + problems.get(0).message() + more);
            debug(debug, err, e);
            return ExitCode.INVALID_INPUT;
        } catch (IllegalTransitionException e) {
            err.println("seedbench " + verb.name() + ": " + e.getMessage());
            debug(debug, err, e);
            return ExitCode.INVALID_INPUT;
        } catch (CatalogException e) {
            err.println("seedbench " + verb.name() + ": " + e.getMessage());
            debug(debug, err, e);
            return ExitCode.FAILURE;
        } catch (Exception e) {
            err.println("seedbench " + verb.name() + ": failed: " + e.getMessage()
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

    private static void printHelp(Map<String, Verb> verbs, PrintStream out) {
        out.println("usage: seedbench <verb> [options]   (seedbench <verb> --help for a verb's options)");
        out.println();
        for (Verb v : verbs.values()) {
            out.printf("  %-15s %s%n", v.name(), v.summary());
        }
        out.println();
        out.println("Every verb takes --json (machine-readable output), --data DIR (default ~/.seedbench or "
                + DATA_ENV + ") and --debug.");
        out.println("Exit codes: 0 done, 1 failure, 2 usage, 3 invalid input, 4 needs action.");
    }
}
