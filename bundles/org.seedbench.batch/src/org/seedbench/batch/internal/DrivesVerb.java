package org.seedbench.batch.internal;

import java.util.List;

import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;

/** {@code seedbench drives [JOB]}: the drives of one job, or of every job. */
final class DrivesVerb implements Verb {

    @Override
    public String name() {
        return "drives";
    }

    @Override
    public String summary() {
        return "list the drives of a job (or of every job) with their state and manifest";
    }

    @Override
    public String help() {
        return """
                usage: seedbench drives [JOB] [--json] [--data DIR]
                  --json      print the drives as a JSON array""";
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        List<String> positionals = inv.args().positionals();
        if (positionals.size() > 1) {
            throw new UsageException("give at most one job", usage());
        }
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
