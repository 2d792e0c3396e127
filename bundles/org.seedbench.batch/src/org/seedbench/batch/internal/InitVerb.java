package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.RehearsalRules;
import org.seedbench.core.rules.ReturnRules;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.JobService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedbench init}: the "initiate offline backup" screen on the command line. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "init", description = "create a seeding job (the inputs of \"initiate offline backup\")")
public final class InitVerb implements CliVerb {
    @Option(names = "--name", paramLabel = "JOB", description = "import job name: 3–24 letters, digits, hyphens; "
            + "starts with a letter")
    String name;

    @Mixin
    JobInputOptions inputs;

    @Option(names = "--connector", paramLabel = "ID", description = "cloud connector: local (default, embedded) or "
            + "azure")
    String connector;

    @Option(names = "--source-host", paramLabel = "NAME", description = "the machine the data comes from, when it is "
            + "a virtual machine")
    String sourceHost;

    @Option(names = "--rehearsal", description = "a rehearsal on the local cloud's simulated datacenter: this job's "
            + "import job runs on a compressed clock of its own (no other job's dates move)")
    boolean rehearsal;

    @Option(names = "--days-per-second", paramLabel = "N", description = "a rehearsal's clock: simulated days per "
            + "real second (default 0.1: a day every 10 s, 14 days to ship in 140 s)")
    String daysPerSecond;

    @Option(names = "--drive-read-rate", paramLabel = "RATE", description = "a rehearsal's datacenter reads each "
            + "drive at this speed, e.g. 150MB/s (the default), so the copy takes the time the data needs")
    String driveReadRate;

    @Mixin
    ReturnOptions returns;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public boolean createsCatalog() {
        return true;
    }
    @Override
    public ExitCode run(Invocation inv) throws Exception {
        List<WorkloadSpec> workloads = inputs.workloads();
        SeedingJob job = new SeedingJob(name, inputs.staging, inputs.storageAccount,
                inputs.container, inputs.subscription, inputs.location, workloads, connector,
                sourceHost, inv.clock().instant(), JobState.DRAFT);
        // a malformed return detail is refused before the job exists
        InvalidInputException.throwIfAny(ReturnRules.checkFields(returns.given().address()));
        Long readRate = driveReadRate();
        boolean hadCatalog = inv.hasCatalog();
        JobService.Created made = rehearsal()
                ? inv.services().jobs().createRehearsal(inv.workspace(), job, daysPerSecond)
                : new JobService.Created(inv.services().jobs().create(inv.workspace(), job), null);
        if (!hadCatalog) {
            inv.err().println("seedbench: no catalog at " + inv.dataDirectory() + "; creating one");
        }
        if (readRate != null) {
            try (Catalog catalog = inv.openCatalog()) {
                catalog.putJobProperties(job.name(), java.util.Map.of(ImportJobService.PROP_DRIVE_READ_RATE,
                        Long.toString(readRate)));
            }
        }
        if (returns.any()) {
            inv.services().importJobs().updateReturnDetails(inv.workspace(), job.name(), returns.given());
        }
        if (inv.json()) {
            Views.printJson(inv.out(), Views.job(made.job()));
        } else {
            printText(inv.out(), made);
        }
        return ExitCode.DONE;
    }

    /** What {@code init} prints of the job it created (without --json). */
    static void printText(PrintStream out, JobService.Created made) {
        SeedingJob created = made.job();
        String rehearsal = made.rehearsalDaysPerSecond();
        out.println("Created job " + created.name() + " (" + created.state().label() + "): "
                + created.storageAccount() + "/" + created.container() + " in " + created.location()
                + ", staging at " + created.stagingLocation());
        if (created.workloads().isEmpty()) {
            out.println("No workloads yet: add them with init --workload SOURCE:TARGET on a new job.");
        }
        if (rehearsal != null) {
            out.println("A rehearsal: its import job runs on a clock of its own, " + rehearsal
                    + " simulated days a real second; no other job's dates move.");
        }
        out.println("Next: seedbench stage " + created.name());
    }

    /** Whether the job is a rehearsal; a rehearsal's clock without --rehearsal is refused. */
    private boolean rehearsal() throws InvalidInputException {
        if (!rehearsal && daysPerSecond != null) {
            throw new InvalidInputException(new Problem(RehearsalRules.DAYS_PER_SECOND, daysPerSecond, "is the clock of "
                    + "a rehearsal only", "add --rehearsal, or leave it out for a real job"));
        }
        return rehearsal;
    }

    /** The rehearsal's drive read speed in bytes a second, null when not given; refused without --rehearsal. */
    private Long driveReadRate() throws InvalidInputException {
        if (driveReadRate == null) {
            return null;
        }
        if (!rehearsal) {
            throw new InvalidInputException(new Problem("drive read rate", driveReadRate, "is a rehearsal's setting "
                    + "only", "add --rehearsal, or leave it out for a real job"));
        }
        long bits = org.seedbench.workflow.EstimateService.bitsPerSecond("drive read rate", driveReadRate);
        return Math.max(1, bits / 8);
    }
}
