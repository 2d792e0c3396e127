package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.workflow.SeedOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code seedbench seed-vault JOB}: seeds the vault from the import container, repairing from staging. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "seed-vault", description = "seed the vault from the import container once the datacenter copy is "
        + "done; repair from staging",
        footer = "Copies the job's blobs from the import container into the vault (the container seedbench-vault of "
                + "the job's storage account), checks every object of the staging repository there by its SHA-256 and "
                + "sends again from staging what is missing or damaged (what the drives' error logs name). The job "
                + "goes Seeded. No passphrase is needed. A rerun goes on where a stopped run left off.%nOn a Seeded "
                + "job it repairs the vault: what the vault lost is copied again from the import container or sent "
                + "from staging, or, when neither holds it any more, named (exit 1).")
public final class SeedVaultVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Mixin
    UploadLimitOption uploadLimit;

    @Override
    public int order() {
        return 130;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        Bandwidth bandwidth = uploadLimit.bandwidth(inv, job);
        SeedOutcome o = TerminalProgress.with(inv, progress -> {
            UploadLimitOption.show(progress, bandwidth);
            return inv.services().vault().seedVault(inv.workspace(), job, progress, bandwidth);
        });
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("job", job);
            m.put("vault", o.vault());
            m.put("copied", o.copied());
            m.put("bytesCopied", o.bytesCopied());
            m.put("alreadyInVault", o.alreadyThere());
            m.put("checked", o.checked());
            m.put("alreadyChecked", o.alreadyChecked());
            m.put("repaired", o.repaired());
            m.put("bytesRepaired", o.bytesRepaired());
            m.put("notImported", o.notImported());
            m.put("packs", o.packs());
            m.put("alreadySeeded", o.alreadySeeded());
            m.put("state", "Seeded");
            Views.printJsonLine(inv.out(), m);
            return ExitCode.DONE;
        }
        printText(inv.out(), job, o);
        return ExitCode.DONE;
    }

    /** What {@code seed-vault} prints of its outcome (without --json). */
    static void printText(java.io.PrintStream out, String job, SeedOutcome o) {
        if (o.alreadySeeded()) {
            repaired(out, job, o);
            return;
        }
        for (String line : o.notImported()) {
            out.println("Not imported by the datacenter: " + line);
        }
        out.println("Copied " + o.copied() + " blobs (" + Sizes.decimal(o.bytesCopied())
                + ") from the import container into the vault" + (o.alreadyThere() > 0 ? "; "
                        + o.alreadyThere() + " were there already" : ""));
        if (!o.repaired().isEmpty()) {
            out.println("Repaired " + o.repaired().size() + " objects (" + Sizes.decimal(o.bytesRepaired())
                    + ") the vault lacked or held damaged, sent again from staging over the network");
        }
        out.println("Seeded " + job + ": " + o.packs() + " packs verified in " + o.vault());
        out.println("Next: seedbench verify " + job + " --from vault --read-data, then seedbench cleanup " + job);
    }

    /** What a run on a job already Seeded did. */
    private static void repaired(java.io.PrintStream out, String job, SeedOutcome o) {
        if (o.copied() == 0 && o.repaired().isEmpty()) {
            out.println(job + " is seeded already: " + o.vault() + " holds every object seeding checked ("
                    + (o.checked() + o.alreadyChecked()) + "); nothing to repair");
            return;
        }
        if (o.copied() > 0) {
            out.println("Copied " + o.copied() + " blobs (" + Sizes.decimal(o.bytesCopied())
                    + ") the vault had lost again from the import container");
        }
        if (!o.repaired().isEmpty()) {
            out.println("Sent " + o.repaired().size() + " objects (" + Sizes.decimal(o.bytesRepaired())
                    + ") the vault had lost or held damaged again from staging: " + String.join(", ", o.repaired()));
        }
        out.println("Repaired the vault of " + job + ": " + o.vault() + " holds the seed again");
        out.println("Next: seedbench verify " + job + " --from vault --read-data");
    }
}
