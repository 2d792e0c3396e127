package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.BackupStatistics;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.StageOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code seedbench stage JOB}: writes the initial backup into the staging location. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "stage", description = "write the job's initial backup (deduplicated, compressed, encrypted) to its "
        + "staging location",
        footer = "A killed or failed run resumes where it stopped when run again. At least 16 characters for the "
                + "passphrase; a lost passphrase means a lost backup. Exit 4: completed with warnings.")
public final class StageVerb implements CliVerb {
    @Mixin
    JobPassphraseOptions options;

    @Override
    public int order() {
        return 50;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = options.job;
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
            printText(inv.out(), job, outcome);
        }
        return r.completedWithWarnings() ? ExitCode.NEEDS_ACTION : ExitCode.DONE;
    }

    /** What {@code stage} prints of its outcome (without --json). */
    static void printText(PrintStream out, String job, StageOutcome outcome) {
        BackupResult r = outcome.result();
        BackupStatistics s = r.statistics();
        out.printf(Locale.ROOT, "Staged %s: %s "
                + "(%s/s)%n", job, s.summary(), Sizes.decimal((long) s.bytesPerSecond()));
        Views.printSnapshots(out, r);
        out.println("  repository " + outcome.repository());
        if (outcome.nothingNew()) {
            out.println("Nothing new to store: the staging repository already held everything this run read.");
        }
        Views.printWarnings(out, r, job);
        out.println("Next: seedbench prepare-drives " + job + " --drive …");
    }
}
