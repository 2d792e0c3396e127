package org.seedbench.catalog.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogConflictException;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.JobState;

/**
 * An admin's process for {@link TwentyProcessesMovingOneJobOnPostgreSQLTest}: opens the catalog, says
 * {@value #READY}, and when its input has a line moves the job from one state to another. It prints {@code moved}
 * (exit 0) or {@code conflict: } and the catalog's one line (exit 5).
 *
 * <p>Arguments: catalog URL, data directory, job, from state, to state, program.
 */
public final class CatalogMover {
    static final String READY = "ready";

    private CatalogMover() {
    }

    public static void main(String[] args) throws IOException {
        try (Catalog catalog = new H2CatalogService(Duration.ofSeconds(30)).open(Path.of(args[1]), args[0], args[5])) {
            catalog.job(args[2]).orElseThrow();
            System.out.println(READY);
            System.out.flush();
            int c;
            do {
                c = System.in.read();
            } while (c != -1 && c != '\n');
            try {
                catalog.moveJob(args[2], JobState.valueOf(args[3]), JobState.valueOf(args[4]), args[5]);
                System.out.println("moved");
            } catch (CatalogConflictException e) {
                System.out.println("conflict: " + e.getMessage());
                System.out.flush();
                System.exit(5);
            }
        }
    }
}
