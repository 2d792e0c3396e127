package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.CleanupOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench cleanup JOB}: deletes the import container's blobs and staging once the vault holds the seed. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "cleanup", description = "delete the job's import container blobs and staging repository once the "
        + "vault holds the seed",
        footer = "Checks that the vault holds every object of the staging repository and of the import container "
                + "(SHA-256), then deletes the job's blobs from the import container and the staging repository. "
                + "Refused (exit 3, nothing deleted) while the vault lacks anything: run seedbench seed-vault JOB.")
public final class CleanupVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Option(names = "--dry-run", description = "check the vault and say what would be deleted; delete nothing")
    boolean dryRun;

    @Override
    public int order() {
        return 150;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        CleanupOutcome o = TerminalProgress.with(inv, progress -> inv.services().vault().cleanup(inv.workspace(), job, dryRun,
                progress));
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("job", job);
            m.put("vault", o.vault());
            m.put("blobsDeleted", o.blobsDeleted());
            m.put("bytesDeleted", o.bytesDeleted());
            m.put("staging", o.staging().toString());
            m.put("stagingBytes", o.stagingBytes());
            if (dryRun) {
                m.put("dryRun", true);
            } else {
                m.put("state", "CleanedUp");
            }
            Views.printJsonLine(inv.out(), m);
        } else if (dryRun) {
            inv.out().println("Would delete " + o.blobsDeleted() + " blobs (" + Sizes.decimal(o.bytesDeleted())
                    + ") from the import container and the staging repository " + o.staging() + " ("
                    + Sizes.decimal(o.stagingBytes()) + "); the vault " + o.vault() + " holds the seed (dry run: "
                    + "nothing was deleted)");
        } else {
            printText(inv.out(), job, o);
        }
        return ExitCode.DONE;
    }

    /** What {@code cleanup} prints of its outcome (without --json). */
    static void printText(java.io.PrintStream out, String job, CleanupOutcome o) {
        out.println("Cleaned up " + job + ": deleted " + o.blobsDeleted() + " blobs ("
                + Sizes.decimal(o.bytesDeleted()) + ") from the import container and the staging repository "
                + o.staging() + " (" + Sizes.decimal(o.stagingBytes()) + "); the seed is in " + o.vault());
    }
}
