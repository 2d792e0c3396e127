package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.VaultService;

/** What a verb runs with: its arguments, where it prints, the environment, the data directory and the services. */
record Invocation(Args args, PrintStream out, PrintStream err, Map<String, String> env, Path dataDirectory,
        Services services, Clock clock) {

    /** The services the verbs call. */
    record Services(CatalogService catalogs, List<WorkloadSource> workloadSources, StageService stage,
            RepositoryService repositories, DrivePreparationService drives, ImportJobService importJobs,
            VaultService vault, CloudConnectors connectors) {
    }

    boolean json() {
        return args.has("json");
    }

    Catalog openCatalog() {
        return services.catalogs().open(dataDirectory);
    }

    List<WorkloadSource> workloadSources() {
        return services.workloadSources();
    }
}
