package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.spi.WorkloadSource;

/** What a verb runs with: its arguments, where it prints, the data directory and the services. */
record Invocation(Args args, PrintStream out, PrintStream err, Path dataDirectory, CatalogService catalogs,
        List<WorkloadSource> workloadSources, Clock clock) {

    boolean json() {
        return args.has("json");
    }

    Catalog openCatalog() {
        return catalogs.open(dataDirectory);
    }
}
