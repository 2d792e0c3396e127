package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.DriveCheck;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench verify-drive JOB DRIVE}: re-reads a prepared drive and checks every block. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "verify-drive", description = "re-read a prepared drive and check every block against its manifest",
        footer = "Exit 1: a block does not match the manifest (the blob and block are named).")
public final class VerifyDriveVerb implements CliVerb {
    @Parameters(index = "0", paramLabel = "JOB", description = "the job's name")
    String job;

    @Parameters(index = "1", paramLabel = "DRIVE", description = "the drive's serial, or its --drive value "
            + "(dir:PATH,… for a folder drive)")
    String drive;

    @Option(names = "--recovery-password-file", paramLabel = "F", description = "unlock with the 48-digit recovery "
            + "password in F, as the datacenter does, instead of the key this computer keeps for the drive")
    String recoveryPasswordFile;

    @Override
    public int order() {
        return 110;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String file = recoveryPasswordFile;
        TerminalProgress progress = TerminalProgress.forInvocation(inv);
        DriveCheck report;
        try (Secret password = file == null ? null : Passphrases.firstLine(file, "recovery password")) {
            report = inv.services().drives().verifyDrive(inv.workspace(), job, drive,
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
