package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.seedbench.backup.BackupResult;
import org.seedbench.backup.BackupStatistics;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.StageOutcome;

/** {@code seedbench stage JOB}: writes the initial backup into the staging location. */
final class StageVerb implements Verb {

    @Override
    public String name() {
        return "stage";
    }

    @Override
    public String summary() {
        return "write the job's initial backup (deduplicated, compressed, encrypted) to its staging location";
    }

    @Override
    public String help() {
        return """
                usage: seedbench stage JOB [--passphrase-file F] [--json] [--data DIR]
                  --passphrase-file F  read the backup passphrase from the first line of F; else SEEDBENCH_PASSPHRASE,
                                       else you are asked on a terminal. At least 16 characters; a lost passphrase
                                       means a lost backup. Never given as an argument.
                  --json               progress and the result as JSON lines
                A killed or failed run resumes where it stopped when run again. Exit 4: completed with warnings.""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of(Passphrases.FILE_OPTION);
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = inv.args().requirePositional("the job's name", usage());
        boolean exists = inv.services().stage().repositoryExists(inv.workspace(), job);
        StageOutcome outcome = Passphrases.withPassphrase(inv, !exists, (passphrase, progress) ->
                inv.services().stage().stage(inv.workspace(), job, passphrase, progress, w -> {
                }));
        BackupResult r = outcome.result();
        BackupStatistics s = r.statistics();
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("job", job);
            m.put("repository", outcome.repository().toString());
            m.put("created", outcome.created());
            m.put("snapshots", r.snapshotIds());
            m.put("files", s.files());
            m.put("directories", s.directories());
            m.put("bytesRead", s.bytesRead());
            m.put("bytesNew", s.bytesNew());
            m.put("bytesStored", s.bytesStored());
            m.put("dedupRatio", Double.isInfinite(s.dedupRatio()) ? null : s.dedupRatio());
            m.put("compressionRatio", s.compressionRatio());
            m.put("seconds", s.duration().toMillis() / 1000.0);
            m.put("nothingNew", outcome.nothingNew());
            m.put("warnings", r.warnings());
            Views.printJsonLine(inv.out(), m);
        } else {
            var out = inv.out();
            out.printf(Locale.ROOT, "Staged %s: %s (%s/s)%n", job, s.summary(), Sizes.decimal((long) s.bytesPerSecond()));
            Views.printSnapshots(out, r);
            out.println("  repository " + outcome.repository());
            if (outcome.nothingNew()) {
                out.println("Nothing new to store: the staging repository already held everything this run read.");
            }
            Views.printWarnings(out, r, job);
            out.println("Next: seedbench prepare-drives " + job + " --drive …");
        }
        return r.completedWithWarnings() ? ExitCode.NEEDS_ACTION : ExitCode.DONE;
    }
}
