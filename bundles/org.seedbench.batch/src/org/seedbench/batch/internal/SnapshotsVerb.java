package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.workflow.RepositoryLocation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code seedbench snapshots JOB}: the snapshots in the job's repository. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "snapshots", description = "list the snapshots in the job's repository")
public final class SnapshotsVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Mixin
    RepositoryOptions repository;

    @Override
    public int order() {
        return 60;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        RepositoryLocation from = repository.location();
        List<SnapshotInfo> snapshots = Passphrases.withPassphrase(inv, false, (passphrase, progress) ->
                inv.services().repositories().snapshots(inv.workspace(), job, passphrase, from));
        if (inv.json()) {
            Views.printJson(inv.out(), snapshots.stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("time", s.time().toString());
                m.put("host", s.host());
                m.put("workload", s.workload().toString());
                m.put("files", s.statistics().files());
                m.put("bytesRead", s.statistics().bytesRead());
                m.put("warnings", s.warnings().size());
                return m;
            }).toList());
            return ExitCode.DONE;
        }
        inv.out().printf("%-10s %-16s %-28s %s%n", "SNAPSHOT", "TIME", "WORKLOAD", "SUMMARY");
        for (SnapshotInfo s : snapshots) {
            inv.out().printf("%-10s %-16s %-28s %s%n", s.shortId(), Views.time(s.time()), s.workload(),
                    s.statistics().summary());
        }
        return ExitCode.DONE;
    }
}
