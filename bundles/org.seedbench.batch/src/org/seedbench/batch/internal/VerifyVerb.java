package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.seedbench.backup.VerifyProblem;
import org.seedbench.backup.VerifyReport;
import org.seedbench.workflow.RepositoryLocation;

/** {@code seedbench verify JOB [--from vault] [--read-data]}: checks the staging repository or the vault. */
final class VerifyVerb implements Verb {

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "check the job's repository; --read-data decrypts and authenticates every chunk";
    }

    @Override
    public String help() {
        return """
                usage: seedbench verify JOB [--from staging|vault] [--read-data] [--passphrase-file F] [--json] [--data DIR]
                  --from WHERE         the staging repository (the default) or the vault
                  --read-data          read, decrypt and authenticate every chunk (else: structure and index)
                  --passphrase-file F  the backup passphrase (else SEEDBENCH_PASSPHRASE or a prompt)
                Exit 1 when a problem is found; each names the pack and the files it affects.""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of(Passphrases.FILE_OPTION, "from");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("read-data");
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = inv.args().requirePositional("the job's name", usage());
        boolean readData = inv.args().has("read-data");
        RepositoryLocation from = RepositoryLocation.parse(inv.args().value("from"));
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
