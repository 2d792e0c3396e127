package org.seedbench.batch.internal;

import java.io.Console;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.workflow.DrivePreparationService.FormatConfirmation;
import org.seedbench.workflow.ImportJobOutcome;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.PrepareOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench prepare-drives JOB --drive …}: encrypts the drives and copies the staged seed onto them. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "prepare-drives", description = "format and encrypt the drives, copy the staged seed onto them with "
        + "manifests and journals",
        footer = "Exit 4: the drives are full and the seed needs more; rerun with more --drive values. With --json, "
                + "progress and the result as JSON lines.")
public final class PrepareDrivesVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Option(names = "--drive", paramLabel = "D", description = "a drive: a device (/dev/sdb), a Windows volume (E:), "
            + "a serial number, or a folder drive for rehearsals: dir:PATH,capacity=1.2G,serial=SB-0001. Repeat for "
            + "each drive; at most 10 per job, at most 10 TB each. Give the drives of an earlier, unfinished run "
            + "again: it resumes where it stopped.")
    List<String> drive = new ArrayList<>();

    @Option(names = "--encryptor", paramLabel = "E", description = "portable (AES-256-GCM, any computer; rehearsals "
            + "on the simulator or the local cloud) or bitlocker (Windows; what Azure's datacenters unlock). Default: "
            + "bitlocker when the job's datacenter unlocks nothing else, else portable")
    String encryptor;

    @Option(names = "--yes-format", description = "format the drives without asking (batch runs); formatting erases a "
            + "drive. A drive that holds another job's seed is never formatted, even with --yes-format")
    boolean yesFormat;

    @Option(names = "--reuse-drive-of", paramLabel = "JOB", description = "format the drives of JOB given with "
            + "--drive, when JOB is CleanedUp or Cancelled; recorded in both jobs' events. Repeat for several jobs")
    List<String> reuseDriveOf = new ArrayList<>();

    @Mixin
    PassphraseFileOption passphraseFile;

    @Option(names = "--dry-run", description = "check as a run would, then say which drives would be formatted and "
            + "what copied onto each; format, copy and write nothing")
    boolean dryRun;

    @Override
    public int order() {
        return 90;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        List<String> drives = new ArrayList<>(drive);
        if (drives.isEmpty()) {
            throw new UsageException("give at least one --drive", null);
        }
        Console console = inv.json() ? null : System.console();
        boolean yes = yesFormat;
        Set<String> reuse = Set.copyOf(reuseDriveOf);
        if (dryRun) {
            DrivePreparationService.PreparePlan plan = inv.services().drives().planPrepare(inv.workspace(), job,
                    drives, encryptor, reuse, note -> note(inv, note));
            printPlan(inv, job, plan);
            return plan.drivesNeeded() > 0 ? ExitCode.NEEDS_ACTION : ExitCode.DONE;
        }
        FormatConfirmation confirm = (serial, description) -> yes || console != null && "yes".equalsIgnoreCase(
                String.valueOf(console.readLine("Format drive %s? Everything on it is erased. Type yes to go on: ",
                        description)).trim());
        // with a shared catalog the copy computers hand each other the drives' keys sealed with the passphrase
        try (Secret passphrase = inv.workspace().catalogUrl().isPresent() ? Passphrases.read(inv, false) : null) {
            return prepare(inv, drives, reuse, confirm, console, passphrase);
        }
    }

    private ExitCode prepare(Invocation inv, List<String> drives, Set<String> reuse, FormatConfirmation confirm,
            Console console, Secret passphrase) throws Exception {
        while (true) {
            TerminalProgress progress = TerminalProgress.forInvocation(inv);
            PrepareOutcome outcome;
            try {
                outcome = inv.services().drives().prepare(inv.workspace(), job, drives, encryptor, reuse,
                        passphrase, confirm, progress, note -> note(inv, note));
            } finally {
                progress.finishLine();
            }
            print(inv, job, outcome);
            if (!outcome.needsMoreDrives()) {
                return outcome.importJob() != null ? printImportJob(inv, job, outcome.importJob()) : ExitCode.DONE;
            }
            String more = console == null ? null : console.readLine("Attach another drive with at least %s and give "
                    + "its --drive value (empty to stop): ", Sizes.decimal(outcome.bytesNeededPerDrive()));
            if (more == null || more.isBlank()) {
                return ExitCode.NEEDS_ACTION;
            }
            drives.add(more.trim());
        }
    }

    private static void printPlan(Invocation inv, String job, DrivePreparationService.PreparePlan plan) {
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("job", job);
            m.put("dryRun", true);
            m.put("encryptor", plan.encryptor());
            m.put("format", plan.format());
            m.put("resume", plan.resumed());
            Map<String, Object> copies = new LinkedHashMap<>();
            plan.copies().forEach((serial, c) -> copies.put(serial, Map.of("files", c[0], "bytes", c[1])));
            m.put("copy", copies);
            m.put("unusedDrives", plan.unused());
            m.put("moreDrivesNeeded", plan.drivesNeeded());
            Views.printJsonLine(inv.out(), m);
            return;
        }
        for (String serial : plan.format()) {
            inv.out().println("Would format and encrypt drive " + serial + " (" + plan.encryptor() + ")");
        }
        for (String serial : plan.resumed()) {
            inv.out().println("Would resume the copy onto drive " + serial + ", prepared by an earlier run");
        }
        plan.copies().forEach((serial, c) -> inv.out().println("Would copy " + c[0] + " files ("
                + Sizes.decimal(c[1]) + ") onto drive " + serial));
        for (String serial : plan.unused()) {
            inv.out().println("Drive " + serial + " would not be needed");
        }
        if (plan.drivesNeeded() > 0) {
            inv.out().println("The seed would need " + plan.drivesNeeded() + " more "
                    + (plan.drivesNeeded() == 1 ? "drive" : "drives"));
        }
        inv.out().println("Dry run: nothing was formatted, copied or written (the seed: " + plan.metadataFiles()
                + " metadata files and " + plan.packs() + " packs, " + Sizes.decimal(plan.seedBytes()) + ")");
    }

    private static void note(Invocation inv, String note) {
        if (inv.json()) {
            Views.printJsonLine(inv.out(), Map.of("event", "note", "note", note));
        } else {
            inv.out().println("Note: " + note);
        }
    }

    private static void print(Invocation inv, String job, PrepareOutcome outcome) {
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("job", job);
            m.put("state", outcome.state().label());
            m.put("bytesCopied", outcome.bytesCopied());
            List<Map<String, Object>> drives = new ArrayList<>();
            for (PrepareOutcome.DriveCopy d : outcome.drives()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("serial", d.serial());
                dm.put("files", d.files());
                dm.put("bytes", d.bytes());
                dm.put("blocksCopied", d.blocksCopied());
                dm.put("blocksAlreadyOnDrive", d.blocksResumed());
                dm.put("complete", d.complete());
                dm.put("manifestHash", d.manifestHash());
                dm.put("driveInfo", d.driveInfo().toString());
                dm.put("copySeconds", d.copyNanos() / 1e9);
                drives.add(dm);
            }
            m.put("drives", drives);
            m.put("unusedDrives", outcome.unusedDrives());
            m.put("timing", Map.of("readSeconds", outcome.timing().readNanos() / 1e9, "md5Seconds",
                    outcome.timing().md5Nanos() / 1e9, "writeSeconds", outcome.timing().writeNanos() / 1e9,
                    "syncSeconds", outcome.timing().syncNanos() / 1e9));
            if (outcome.needsMoreDrives()) {
                m.put("moreDrivesNeeded", outcome.drivesNeeded());
                m.put("bytesNeededPerDrive", outcome.bytesNeededPerDrive());
                m.put("packsUnplaced", outcome.packsUnplaced());
            }
            m.put("notes", outcome.notes());
            Views.printJsonLine(inv.out(), m);
            return;
        }
        printText(inv.out(), inv.err(), job, outcome);
    }

    /** What {@code prepare-drives} prints of a run's outcome (without --json); the drives full goes to {@code err}. */
    static void printText(PrintStream out, PrintStream err, String job, PrepareOutcome outcome) {
        for (PrepareOutcome.DriveCopy d : outcome.drives()) {
            out.printf(Locale.ROOT, "Drive %-14s %5d files  %10s  %s%s%n", d.serial(), d.files(),
                    Sizes.decimal(d.bytes()), d.complete() ? "manifest " + d.manifestHash() : "incomplete",
                    d.blocksResumed() > 0 ? "  (resumed: " + d.blocksResumed() + " blocks were already on it)" : "");
        }
        outcome.notes().forEach(n -> out.println("Note: " + n));
        if (outcome.needsMoreDrives()) {
            err.println("seedbench prepare-drives: the drives are full: the seed needs " + outcome.drivesNeeded()
                    + " more drive" + (outcome.drivesNeeded() == 1 ? "" : "s") + " with at least "
                    + Sizes.decimal(outcome.bytesNeededPerDrive()) + " ("
                    + outcome.packsUnplaced() + " packs not placed); rerun with the same --drive "
                    + "values plus the new ones");
        } else if (outcome.state() == JobState.DRIVES_READY) {
            out.println("Drives ready for " + job + ". DriveInfo files: " + (outcome.drives().isEmpty() ? ""
                    : outcome.drives().get(0).driveInfo().getParent()));
        }
    }

    /** The drives are ready and the import job created: the admin learns where to ship the drives. */
    private static ExitCode printImportJob(Invocation inv, String job, ImportJobOutcome created) {
        DatacenterLocation location = created.location();
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "importJob");
            m.put("job", job);
            m.put("state", JobState.CREATING.label());
            m.put("serviceState", created.status().serviceStateText());
            m.put("created", created.status().created() == null ? null : created.status().created().toString());
            m.put("location", location.id());
            m.put("shippingAddress", shipTo(created));
            Views.printJsonLine(inv.out(), m);
            return ExitCode.DONE;
        }
        printImportJobText(inv.out(), job, created);
        return ExitCode.DONE;
    }

    /** What {@code prepare-drives} prints of the import job it created (without --json). */
    static void printImportJobText(PrintStream out, String job, ImportJobOutcome created) {
        DatacenterLocation location = created.location();
        out.println("Import job " + job + (created.created() ? " created" : " already created") + " at the "
                + "import service (" + created.status().serviceStateText() + "). Ship the drives to "
                + location.displayName() + ":");
        shipTo(created).lines().forEach(l -> out.println("    " + l));
        out.println("Shipping details are due within " + ShippingRules.DEADLINE_DAYS + " days: seedbench ship " + job
                + " --carrier NAME --tracking NO (and the return details the job lacks: seedbench return-address "
                + job + " shows them)");
    }

    /** Where the drives go: the import job's own address when it gives one, else its location's. */
    private static String shipTo(ImportJobOutcome created) {
        String shipTo = created.status().shipTo();
        return shipTo != null ? shipTo : created.location().shippingAddress();
    }
}
