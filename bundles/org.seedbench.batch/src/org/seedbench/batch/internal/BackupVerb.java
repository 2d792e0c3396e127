package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.BackupStatistics;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.workflow.VaultBackupOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code seedbench backup JOB}: an incremental backup over the network into the vault. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "backup", description = "back the job's workloads up incrementally into the vault: only new chunks go "
        + "over the network",
        footer = "For a job whose vault is seeded (seedbench seed-vault JOB). Exit 4: completed with warnings.")
public final class BackupVerb implements CliVerb {
    @Mixin
    JobPassphraseOptions options;

    @Mixin
    UploadLimitOption uploadLimit;

    @Override
    public int order() {
        return 140;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = options.job;
        Bandwidth bandwidth = uploadLimit.bandwidth(inv, job);
        VaultBackupOutcome o = Passphrases.withPassphrase(inv, false, (passphrase, progress) -> {
            UploadLimitOption.show(progress, bandwidth);
            return inv.services().vault().backup(inv.workspace(), job, passphrase, progress, w -> {
            }, bandwidth);
        });
        BackupResult r = o.result();
        BackupStatistics s = r.statistics();
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("job", job);
            m.put("vault", o.vault());
            m.put("snapshots", r.snapshotIds());
            m.put("files", s.files());
            m.put("bytesRead", s.bytesRead());
            m.put("bytesNew", s.bytesNew());
            m.put("bytesStored", s.bytesStored());
            m.put("bytesSent", o.bytesSent());
            m.put("seconds", s.duration().toMillis() / 1000.0);
            m.put("warnings", r.warnings());
            Views.printJsonLine(inv.out(), m);
        } else {
            printText(inv.out(), job, o);
        }
        return r.completedWithWarnings() ? ExitCode.NEEDS_ACTION : ExitCode.DONE;
    }

    /** What {@code backup} prints of its outcome (without --json). */
    static void printText(java.io.PrintStream out, String job, VaultBackupOutcome o) {
        BackupResult r = o.result();
        BackupStatistics s = r.statistics();
        out.println("Backed up " + job + " into " + o.vault() + ": " + Sizes.decimal(s.bytesRead()) + " read, "
                + Sizes.decimal(s.bytesNew()) + " new, " + Sizes.decimal(s.bytesStored()) + " stored, "
                + Sizes.decimal(o.bytesSent()) + " sent");
        Views.printSnapshots(out, r);
        Views.printWarnings(out, r, job);
    }
}
