package org.seedbench.batch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.seedbench.batch.internal.TerminalProgress;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;
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

import picocli.CommandLine.ParseResult;

/**
 * What a verb runs with: its parsed command line, where it prints, the environment, the data directory and the
 * services. The verb's own options are in the fields picocli filled; {@link #json()} and {@link #given(String)}
 * read the options every verb takes.
 */
@ProviderType
public record Invocation(ParseResult parsed, PrintStream out, PrintStream err, Map<String, String> env,
        Workspace workspace, Services services, Clock clock, boolean createsCatalog, Commands commands) {
    /** Where the catalog and keys live unless {@code --data} says otherwise. */
    public static final String DATA_ENV = Workspaces.DATA_ENV;

    /** The services the verbs call. */
    public record Services(CatalogService catalogs, List<WorkloadSource> workloadSources, StageService stage,
            RepositoryService repositories, DrivePreparationService drives, ImportJobService importJobs,
            VaultService vault, CloudConnectors connectors, JobService jobs, Workspaces workspaces) {
    }

    /** The data directory the verb works on. */
    public Path dataDirectory() {
        return workspace.dataDirectory();
    }

    /** The catalog URL the verb works on ({@code --catalog} or {@code SEEDBENCH_CATALOG}); null for the embedded one. */
    public String catalogUrl() {
        return workspace.catalogUrl().orElse(null);
    }

    /** Runs another command line of this CLI, as {@code seedbench ARGS…} would, printing to {@code out}. */
    @FunctionalInterface
    public interface Commands {
        ExitCode run(List<String> args, PrintStream out);
    }

    /** Work of a verb that reports progress. */
    @FunctionalInterface
    public interface ProgressWork<T> {
        T run(Progress progress) throws Exception;
    }

    public boolean json() {
        return parsed.hasMatchedOption("--json");
    }

    /** Whether the option (e.g. {@code --data}) was given on the command line. */
    public boolean given(String option) {
        return parsed.hasMatchedOption(option);
    }

    /** The value given for an option the verb takes, e.g. {@code --passphrase-file}; {@code null} when not given. */
    public String option(String option) {
        return parsed.matchedOptionValue(option, null);
    }

    /** Runs another command line of this CLI, printing to this invocation's output. */
    public ExitCode run(List<String> args) {
        return commands.run(args, out);
    }

    /**
     * Runs the work with this invocation's progress: a bar on a terminal, plain lines in a log, JSON events with
     * {@code --json}. When the work returns, its last task is complete; the progress line is ended whatever happens.
     */
    public <T> T withProgress(ProgressWork<T> work) throws Exception {
        return TerminalProgress.with(this, work::run);
    }

    /**
     * The verb's catalog session (closing it leaves the session open for the verb's services). Where there is no
     * catalog, a verb that creates jobs creates it and says so on stderr (the command line refuses the other verbs
     * before they run, {@link CliVerb#needsCatalog}).
     */
    public Catalog openCatalog() {
        if (createsCatalog && !hasCatalog()) {
            err.println("seedbench: no catalog at " + dataDirectory() + "; creating one");
        }
        return workspace.catalog();
    }

    public boolean hasCatalog() {
        return workspace.hasCatalog();
    }

    /** A data directory without a catalog, for a verb that needs one (and the job it names, if any). */
    public static InvalidInputException noCatalog(Path dataDirectory, String job) {
        return new InvalidInputException(new Problem("data directory", dataDirectory.toString(), "holds no catalog"
                + (job == null ? "" : ", so no job '" + job + "'"), "the data directory of your jobs (--data DIR "
                + "or " + DATA_ENV + "); seedbench init creates a catalog in a new one"));
    }

    public List<WorkloadSource> workloadSources() {
        return services.workloadSources();
    }
}
