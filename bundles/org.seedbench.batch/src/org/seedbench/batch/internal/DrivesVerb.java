package org.seedbench.batch.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code seedbench drives [JOB]}: the drives of one job, or of every job. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "drives", description = "list the drives of a job (or of every job) with their state and manifest",
        footer = "With --json, the drives as a JSON array.")
public final class DrivesVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", arity = "0..1", description = "the job whose drives to list (default: every job's)")
    List<String> positionals = new ArrayList<>();

    @Override
    public int order() {
        return 100;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (!inv.hasCatalog()) {
            throw Invocation.noCatalog(inv.dataDirectory(), positionals.isEmpty() ? null : positionals.get(0));
        }
        try (Catalog catalog = inv.openCatalog()) {
            List<Drive> drives;
            if (positionals.isEmpty()) {
                drives = catalog.allDrives();
            } else {
                catalog.job(positionals.get(0)).orElseThrow(() -> new org.seedbench.core.rules.InvalidInputException(
                        new org.seedbench.core.rules.Problem("job", positionals.get(0), "does not exist",
                                "a job listed by seedbench jobs")));
                drives = catalog.drives(positionals.get(0));
            }
            if (inv.json()) {
                Views.printJson(inv.out(), drives.stream().map(Views::drive).toList());
            } else if (drives.isEmpty()) {
                inv.out().println("No drives yet. Prepare them with: seedbench prepare-drives JOB --drive …");
            } else {
                Views.printDrives(inv.out(), drives);
            }
        }
        return ExitCode.DONE;
    }
}
