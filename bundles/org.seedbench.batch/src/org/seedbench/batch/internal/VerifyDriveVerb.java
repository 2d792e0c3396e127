package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.DriveCheck;

/** {@code seedbench verify-drive JOB DRIVE}: re-reads a prepared drive and checks every block. */
final class VerifyDriveVerb implements Verb {

    @Override
    public String name() {
        return "verify-drive";
    }

    @Override
    public String summary() {
        return "re-read a prepared drive and check every block against its manifest";
    }

    @Override
    public String help() {
        return """
                usage: seedbench verify-drive JOB DRIVE [--recovery-password-file F] [--json] [--data DIR]
                  DRIVE                       the drive's serial, or its --drive value (dir:PATH,… for a folder drive)
                  --recovery-password-file F  unlock with the 48-digit recovery password in F, as the datacenter
                                              does, instead of the key this computer keeps for the drive
                Exit 1: a block does not match the manifest (the blob and block are named).""";
    }

    @Override
    public java.util.Set<String> valuedOptions() {
        return java.util.Set.of("recovery-password-file");
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        var positionals = inv.args().positionals();
        if (positionals.size() != 2) {
            throw new UsageException("give the job and the drive", usage());
        }
        String file = inv.args().value("recovery-password-file");
        TerminalProgress progress = TerminalProgress.forInvocation(inv);
        DriveCheck report;
        try (Secret password = file == null ? null : Passphrases.firstLine(file, "recovery password")) {
            report = inv.services().drives().verifyDrive(inv.workspace(), positionals.get(0), positionals.get(1),
                    password, progress);
        } finally {
            progress.finishLine();
        }
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("drive", report.serial());
            m.put("blobs", report.blobs());
            m.put("blocks", report.blocks());
            m.put("bytes", report.bytes());
            m.put("clean", report.clean());
            m.put("problems", report.problems());
            Views.printJsonLine(inv.out(), m);
        } else if (report.clean()) {
            inv.out().println("Drive " + report.serial() + " is clean: " + report.blobs() + " blobs, " + report.blocks()
                    + " blocks, " + Sizes.decimal(report.bytes()) + " match the manifest.");
        } else {
            for (String p : report.problems()) {
                inv.err().println("seedbench verify-drive: drive " + report.serial() + ": " + p);
            }
        }
        return report.clean() ? ExitCode.DONE : ExitCode.FAILURE;
    }
}
