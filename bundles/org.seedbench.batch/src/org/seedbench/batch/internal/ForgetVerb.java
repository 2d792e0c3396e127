package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.backup.ForgetResult;
import org.seedbench.backup.PruneResult;
import org.seedbench.backup.RetentionPolicy;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.workflow.RetentionService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedbench forget JOB --keep-… [--dry-run] [--prune]}: removes the vault's snapshots a policy does not keep. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "forget", description = "remove the vault's snapshots a keep-policy does not keep (restic's rules)",
        footer = "Snapshots are grouped by host and workload; each --keep rule keeps the newest snapshot of each of its "
                + "last N periods that have one (days in this computer's time zone), and a snapshot kept by any rule "
                + "stays. Without --keep options the job's stored policy (seedbench retention) is used. Only snapshot "
                + "files are deleted: seedbench prune JOB (or --prune) frees the data no snapshot needs any more.")
public final class ForgetVerb implements CliVerb {
    @Mixin
    JobPassphraseOptions options;
    @Mixin
    KeepOptions keep;
    @Option(names = "--dry-run", description = "say which snapshots would be removed; delete nothing")
    boolean dryRun;
    @Option(names = "--prune", description = "prune right after (with --dry-run: say what it would free)")
    boolean prune;

    @Reference
    RetentionService retention;

    private record Both(ForgetResult forget, PruneResult prune) {
    }

    @Override
    public int order() {
        return 142;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = options.job;
        RetentionPolicy policy = keep.given() ? keep.policy()
                : retention.policy(inv.workspace(), job).orElseThrow(() -> new InvalidInputException(new Problem("job",
                        job, "has no retention policy and no --keep option was given", "--keep-last N, --keep-daily "
                                + "N, … (or store a policy: seedbench retention " + job + " --keep-…)")));
        Both both = Passphrases.withPassphrase(inv, false, (passphrase, progress) -> {
            ForgetResult f = retention.forget(inv.workspace(), job, passphrase, policy, dryRun);
            return new Both(f, prune ? retention.prune(inv.workspace(), job, passphrase, dryRun, progress) : null);
        });
        ForgetResult forget = both.forget();
        PruneResult pruned = both.prune();
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("job", job);
            m.put("dryRun", dryRun);
            m.put("policy", policy.toString());
            m.put("kept", forget.kept().stream().map(k -> Map.of("id", k.snapshot().id(), "time",
                    k.snapshot().time().toString(), "reasons", k.reasons())).toList());
            m.put("removed", forget.removed().stream().map(SnapshotInfo::id).toList());
            if (pruned != null) {
                m.put("prune", PruneVerb.json(pruned));
            }
            Views.printJsonLine(inv.out(), m);
            return ExitCode.DONE;
        }
        printText(inv.out(), job, policy, forget);
        if (pruned != null) {
            PruneVerb.printText(inv.out(), pruned);
        }
        return ExitCode.DONE;
    }

    static void printText(PrintStream out, String job, RetentionPolicy policy, ForgetResult r) {
        out.println("Keep " + r.kept().size() + " snapshots (policy: keep " + policy + "):");
        for (ForgetResult.Kept k : r.kept()) {
            line(out, k.snapshot(), String.join(", ", k.reasons()));
        }
        List<SnapshotInfo> removed = r.removed();
        if (removed.isEmpty()) {
            out.println("Nothing to remove: the policy keeps every snapshot");
            return;
        }
        out.println((r.dryRun() ? "Would remove " : "Removed ") + removed.size() + " snapshots:");
        for (SnapshotInfo s : removed) {
            line(out, s, "");
        }
        out.println(r.dryRun() ? "Dry run: nothing was deleted"
                : "seedbench prune " + job + " frees the data only they needed");
    }

    private static void line(PrintStream out, SnapshotInfo s, String why) {
        out.printf("  %-10s %-16s %-28s %s%n", s.shortId(), Views.time(s.time()), s.workload(), why);
    }
}
