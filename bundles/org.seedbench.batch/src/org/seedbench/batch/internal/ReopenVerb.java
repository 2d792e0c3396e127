package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.workflow.ImportJobOutcome;
import org.seedbench.workflow.JobLifeService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code seedbench reopen JOB}: a new import job for the prepared drives of a job whose import job expired. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "reopen", description = "create a new import job for the drives of a job whose import job expired",
        footer = "The service's way out of the 14-day expiry: the same drives, manifests and keys go into a new import "
                + "job named JOB-r1 (JOB-r2 …: the service wants a name no job of the subscription has); the job is "
                + "Creating again with a new deadline. Refused (exit 3) unless the import job is Expired.")
public final class ReopenVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Reference
    JobLifeService life;

    @Override
    public int order() {
        return 125;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        ImportJobOutcome o = life.reopen(inv.workspace(), job);
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", job);
            m.put("importJob", o.status().jobName());
            m.put("state", "Creating");
            m.put("created", o.created());
            m.put("shipTo", o.location().displayName());
            Views.printJson(inv.out(), m);
        } else {
            inv.out().println("Reopened " + job + ": import job " + o.status().jobName() + " "
                    + (o.created() ? "created" : "found") + " for the same drives; ship them to "
                    + o.location().displayName() + " within 14 days, then seedbench ship " + job);
        }
        return ExitCode.DONE;
    }
}
