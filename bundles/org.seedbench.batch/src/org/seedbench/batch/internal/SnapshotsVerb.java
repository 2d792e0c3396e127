package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.seedbench.backup.SnapshotInfo;
import org.seedbench.workflow.RepositoryLocation;

/** {@code seedbench snapshots JOB}: the snapshots in the job's repository. */
final class SnapshotsVerb implements Verb {

    @Override
    public String name() {
        return "snapshots";
    }

    @Override
    public String summary() {
        return "list the snapshots in the job's repository";
    }

    @Override
    public String help() {
        return """
                usage: seedbench snapshots JOB [--from staging|vault] [--passphrase-file F] [--json] [--data DIR]""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of(Passphrases.FILE_OPTION, "from");
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = inv.args().requirePositional("the job's name", usage());
        RepositoryLocation from = RepositoryLocation.parse(inv.args().value("from"));
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
