package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.workflow.JobLifeService;
import org.seedbench.workflow.JobLifeService.Cancelled;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code seedbench cancel JOB}: cancels the job, and its import job at the service when the service allows it. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "cancel", description = "cancel a job (and its import job at the service) before the datacenter "
        + "receives its drives; the seed is kept",
        footer = "Draft to DrivesReady: the job goes Cancelled. Creating or Shipping: the import service is asked to "
                + "cancel the import job first (Import/Export: an update with cancelRequested); when it refuses, its "
                + "reason is printed (exit 3) and nothing changes. Received and later: refused (exit 3). The staging "
                + "repository and the drives are left as they are; seedbench delete JOB removes the job.")
public final class CancelVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Reference
    JobLifeService life;

    @Override
    public int order() {
        return 155;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        Cancelled c = life.cancel(inv.workspace(), job);
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", job);
            m.put("cancelled", c.name());
            m.put("state", c == Cancelled.REQUESTED ? null : "Cancelled");
            Views.printJson(inv.out(), m);
        } else {
            inv.out().println(switch (c) {
                case LOCALLY -> "Cancelled " + job + "; its staging repository and any prepared drives are kept.";
                case AT_SERVICE -> "Cancelled " + job + " and its import job at the service; its staging repository "
                        + "and drives are kept.";
                case REQUESTED -> "Asked the service to cancel the import job of " + job + "; it cancels on a "
                        + "best-effort basis: follow it with seedbench status " + job + " --watch";
                case ALREADY -> "Job " + job + " is Cancelled already.";
            });
        }
        return c == Cancelled.REQUESTED ? ExitCode.NEEDS_ACTION : ExitCode.DONE;
    }
}
