package org.seedbench.batch.cli;

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
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.VaultService;

/** What a verb runs with: its arguments, where it prints, the environment, the data directory and the services. */
record Invocation(Args args, PrintStream out, PrintStream err, Map<String, String> env, Path dataDirectory,
        Services services, Clock clock, boolean createsCatalog) {

    /** The services the verbs call. */
    record Services(CatalogService catalogs, List<WorkloadSource> workloadSources, StageService stage,
            RepositoryService repositories, DrivePreparationService drives, ImportJobService importJobs,
            VaultService vault, CloudConnectors connectors) {
    }

    boolean json() {
        return args.has("json");
    }

    /**
     * Opens the catalog of the data directory. Where there is none, a verb that creates jobs creates it and says
     * so on stderr (the command line refuses the other verbs before they run, {@link Verb#needsCatalog}).
     */
    Catalog openCatalog() {
        if (createsCatalog && !hasCatalog()) {
            err.println("seedbench: no catalog at " + dataDirectory + "; creating one");
        }
        return services.catalogs().open(dataDirectory);
    }

    boolean hasCatalog() {
        return services.catalogs().exists(dataDirectory);
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
