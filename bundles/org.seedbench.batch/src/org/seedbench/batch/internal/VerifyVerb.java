package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.backup.VerifyProblem;
import org.seedbench.backup.VerifyReport;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.workflow.RepositoryLocation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench verify JOB [--from vault] [--read-data]}: checks the staging repository or the vault. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "verify", description = "check the job's repository; --read-data decrypts and authenticates every "
        + "chunk",
        footer = "Exit 1 when a problem is found; each names the pack and the files it affects.")
public final class VerifyVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Option(names = "--from", paramLabel = "WHERE", description = "the staging repository (staging, the default) or "
            + "the vault (vault)")
    String from;
    @Option(names = "--read-data", description = "read, decrypt and authenticate every chunk (else: structure and "
            + "index)")
    boolean readData;
    @Mixin
    PassphraseFileOption passphraseFile;

    @Override
    public int order() {
        return 70;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        RepositoryLocation from = RepositoryLocation.parse(this.from);
        VerifyReport report = Passphrases.withPassphrase(inv, false, (passphrase, progress) ->
                inv.services().repositories().verify(inv.workspace(), job, passphrase, readData, from,
                        progress));
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("clean", report.isClean());
            m.put("packs", report.packs());
            m.put("snapshots", report.snapshots());
            m.put("blobsRead", report.blobsRead());
            m.put("problems", report.problems().stream().map(p -> Map.of("severity", p.severity().name(),
                    "pack", p.pack() == null ? "" : p.pack(), "message", p.message(),
                    "affects", p.affectedFiles().stream().map(VerifyProblem.AffectedFile::path).toList())).toList());
            Views.printJsonLine(inv.out(), m);
        } else {
            for (VerifyProblem p : report.problems()) {
                inv.out().println(p.describe());
            }
            inv.out().println((report.isClean() ? "Clean: " : report.problems().size() + " problems: ") + report.packs()
                    + " packs, " + report.snapshots() + " snapshots"
                    + (readData ? ", " + report.blobsRead() + " chunks read and authenticated" : ""));
        }
        return report.hasErrors() ? ExitCode.FAILURE : ExitCode.DONE;
    }
}
