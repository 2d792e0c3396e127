package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.backup.PruneResult;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.workflow.RetentionService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedbench prune JOB [--dry-run]}: frees the vault's packs no snapshot needs. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "prune", description = "free the vault's data no snapshot needs: delete unneeded packs, rewrite partly "
        + "needed ones",
        footer = "A plan of what will be freed is written to the vault first; killed at any point, the vault still "
                + "verifies and restores every snapshot, and the next prune finishes the work. Refused (exit 1, nothing "
                + "changed) on a damaged vault: seedbench verify JOB --from vault names the damage.")
public final class PruneVerb implements CliVerb {
    @Mixin
    JobPassphraseOptions options;
    @Option(names = "--dry-run", description = "say which packs would be deleted and rewritten and the bytes freed; "
            + "write nothing")
    boolean dryRun;

    @Reference
    RetentionService retention;

    @Override
    public int order() {
        return 144;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = options.job;
        PruneResult r = Passphrases.withPassphrase(inv, false, (passphrase, progress) ->
                retention.prune(inv.workspace(), job, passphrase, dryRun, progress));
        if (inv.json()) {
            Map<String, Object> m = json(r);
            m.put("job", job);
            Views.printJsonLine(inv.out(), m);
        } else {
            printText(inv.out(), r);
        }
        return ExitCode.DONE;
    }

    static Map<String, Object> json(PruneResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "done");
        m.put("dryRun", r.dryRun());
        m.put("resumed", r.resumed());
        m.put("snapshots", r.snapshots());
        m.put("deletedPacks", r.deletedPacks());
        m.put("rewrittenPacks", r.rewrittenPacks());
        m.put("packsWritten", r.packsWritten());
        m.put("blobsRemoved", r.blobsRemoved());
        m.put("blobsKept", r.blobsKept());
        m.put("bytesFreed", r.bytesFreed());
        return m;
    }

    static void printText(PrintStream out, PruneResult r) {
        if (r.dryRun()) {
            r.deletedPacks().forEach(p -> out.println("would delete  " + p));
            r.rewrittenPacks().forEach(p -> out.println("would rewrite " + p));
        }
        out.println((r.resumed() ? "Finished an interrupted prune: " : "") + capitalized(RetentionService.describe(r))
                + (r.dryRun() ? " (dry run: nothing was written or deleted)" : ""));
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
