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

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench delete JOB [--keep-data]}: removes a finished or never-started job from the catalog. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "delete", description = "delete a Draft, Cancelled, Expired or CleanedUp job, and its staging "
        + "repository unless --keep-data",
        footer = "Refused in any other state (exit 3, nothing deleted). The staging repository is removed through its "
                + "staging provider, never when another job's staging lies inside it. The job's events, with a last "
                + "one saying what was deleted, are kept in DATA/deleted-jobs/JOB-<created>.events; the drives' keys "
                + "in DATA/drives/JOB stay.")
public final class DeleteVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Option(names = "--keep-data", description = "leave the staging repository where it is")
    boolean keepData;

    @Reference
    JobLifeService life;

    @Override
    public int order() {
        return 157;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        JobLifeService.Deleted d = life.delete(inv.workspace(), job, keepData);
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", job);
            m.put("state", d.job().state().label());
            m.put("staging", d.staging());
            m.put("stagingRemoved", d.stagingRemoved());
            m.put("events", d.events().toString());
            Views.printJson(inv.out(), m);
        } else {
            inv.out().println("Deleted " + job + " (" + d.job().state().label() + "): "
                    + (keepData ? "its staging " + d.staging() + " is kept"
                            : d.stagingRemoved() ? "its staging repository " + d.staging() + " is removed"
                                    : "it had no staging repository")
                    + "; its events are kept in " + d.events());
        }
        return ExitCode.DONE;
    }
}
