package org.seedbench.batch.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.workflow.JobLifeService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench edit JOB [init's options]}: changes a Draft or Staged job's inputs and workloads. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "edit", description = "change a Draft or Staged job's inputs and workloads, checked as init checks them",
        footer = "Options not given keep what the job has; --workload (with --include/--exclude) replaces the job's "
                + "workloads. A Staged job whose workloads change goes back to Draft: stage it again. Refused (exit 3, "
                + "nothing changed) in any other state and for any input init would refuse.")
public final class EditVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Mixin
    JobInputOptions inputs;

    @Option(names = "--source-host", paramLabel = "NAME", description = "the machine the data comes from, when it is "
            + "a virtual machine")
    String sourceHost;

    @Reference
    JobLifeService life;

    @Override
    public int order() {
        return 15;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (inputs.workload.isEmpty() && (!inputs.include.isEmpty() || !inputs.exclude.isEmpty())) {
            throw new UsageException("--include and --exclude go with --workload: the workloads given replace the "
                    + "job's", null);
        }
        List<WorkloadSpec> workloads = inputs.workload.isEmpty() ? null : inputs.workloads();
        SeedingJob edited = life.edit(inv.workspace(), job, new JobLifeService.Changes(inputs.staging,
                inputs.storageAccount, inputs.container, inputs.subscription, inputs.location, sourceHost, workloads));
        if (inv.json()) {
            Views.printJson(inv.out(), Views.job(edited));
        } else {
            inv.out().println("Edited " + edited.name() + " (" + edited.state().label() + "): "
                    + edited.storageAccount() + "/" + edited.container() + " in " + edited.location() + ", staging at "
                    + edited.stagingLocation() + ", " + edited.workloads().size() + " workload"
                    + (edited.workloads().size() == 1 ? "" : "s"));
        }
        return ExitCode.DONE;
    }
}
