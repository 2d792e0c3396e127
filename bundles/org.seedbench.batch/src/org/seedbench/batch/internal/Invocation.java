package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
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

/** What a verb runs with: its arguments, where it prints, the environment, the data directory and the services. */
record Invocation(Args args, PrintStream out, PrintStream err, Map<String, String> env, Workspace workspace,
        Services services, Clock clock, boolean createsCatalog) {

    /** The services the verbs call. */
    record Services(CatalogService catalogs, List<WorkloadSource> workloadSources, StageService stage,
            RepositoryService repositories, DrivePreparationService drives, ImportJobService importJobs,
            VaultService vault, CloudConnectors connectors, JobService jobs, Workspaces workspaces) {
    }

    /** The data directory the verb works on. */
    Path dataDirectory() {
        return workspace.dataDirectory();
    }

    boolean json() {
        return args.has("json");
    }

    /**
     * The verb's catalog session (closing it leaves the session open for the verb's services). Where there is no
     * catalog, a verb that creates jobs creates it and says so on stderr (the command line refuses the other verbs
     * before they run, {@link Verb#needsCatalog}).
     */
    Catalog openCatalog() {
        if (createsCatalog && !hasCatalog()) {
            err.println("seedbench: no catalog at " + dataDirectory() + "; creating one");
        }
        return workspace.catalog();
    }

    boolean hasCatalog() {
        return workspace.hasCatalog();
    }

    /** A data directory without a catalog, for a verb that needs one (and the job it names, if any). */
    static InvalidInputException noCatalog(Path dataDirectory, String job) {
        return new InvalidInputException(new Problem("data directory", dataDirectory.toString(), "holds no catalog"
                + (job == null ? "" : ", so no job '" + job + "'"), "the data directory of your jobs (--data DIR "
                + "or " + CommandLine.DATA_ENV + "); seedbench init creates a catalog in a new one"));
    }

    List<WorkloadSource> workloadSources() {
        return services.workloadSources();
    }
}
