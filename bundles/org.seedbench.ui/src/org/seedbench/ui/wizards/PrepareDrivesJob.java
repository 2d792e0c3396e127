package org.seedbench.ui.wizards;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.MultiRule;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.DriveRule;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.AttachedDrives;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.ImportJobOutcome;
import org.seedbench.workflow.PrepareOutcome;
import org.seedbench.workflow.Workspace;

/**
 * "Prepare drives" as a workflow job: formats and encrypts the drives the admin confirmed, copies the staged seed
 * onto them and, once every pack is placed, creates the import job and learns the datacenter's shipping address.
 * One {@link DriveRule} per drive; cancelling stops at the copy's next journaled block, and running the wizard
 * again with the same drives resumes from the journals.
 */
public class PrepareDrivesJob extends WorkflowJob {

    /** A drive to prepare: its {@code --drive} value and the device (or folder) the scheduling rule names. */
    public record DriveChoice(String spec, String serial, String device, String description) {
    }

    /** What the run did: the preparation, the import job (null until the drives are ready) and the notes. */
    public record Result(PrepareOutcome outcome, ImportJobOutcome importJob, List<String> notes) {
    }

    private final Workspace workspace;
    private final AttachedDrives attached;
    private final List<DriveChoice> drives;
    private final String encryptor;
    private final Set<String> confirmedFormats;
    private final DrivePreparationService preparation;
    private volatile Result result;

    /**
     * @param workspace        the run's workspace, closed when the run ends
     * @param attached         the drives this computer showed when the admin chose among them; a drive given by
     *                         device or serial is one of these
     * @param confirmedFormats serials of the drives the admin agreed to have formatted
     */
    public PrepareDrivesJob(Workspace workspace, String seedingJob, AttachedDrives attached, List<DriveChoice> drives,
            String encryptor, Set<String> confirmedFormats, DrivePreparationService preparation) {
        super("Preparing drives for " + seedingJob, seedingJob);
        this.workspace = workspace;
        this.attached = attached;
        this.drives = List.copyOf(drives);
        this.encryptor = encryptor;
        this.confirmedFormats = Set.copyOf(confirmedFormats);
        this.preparation = preparation;
        setRule(rule(drives));
    }

    static ISchedulingRule rule(List<DriveChoice> drives) {
        ISchedulingRule rule = null;
        for (DriveChoice d : drives) {
            rule = MultiRule.combine(rule, new DriveRule(d.device()));
        }
        return rule;
    }

    @Override
    protected IStatus work(Progress progress) throws Exception {
        try (workspace) {
            List<String> notes = new ArrayList<>();
            PrepareOutcome outcome = preparation.prepare(workspace, seedingJob(), attached,
                    drives.stream().map(DriveChoice::spec).toList(), encryptor, Set.of(),
                    (serial, description) -> confirmedFormats.contains(serial), progress, notes::add);
            notes.addAll(outcome.notes());
            ImportJobOutcome created = outcome.importJob();
            result = new Result(outcome, created, notes);
            if (outcome.needsMoreDrives()) {
                return Status.warning("The drives are full: the seed needs " + outcome.drivesNeeded() + " more drive"
                        + (outcome.drivesNeeded() == 1 ? "" : "s") + " with at least "
                        + Sizes.decimal(outcome.bytesNeededPerDrive()) + ". Run Prepare Drives again with these drives "
                        + "and new ones; it resumes where it stopped.");
            }
            if (created == null) {
                return Status.info("Drives prepared for " + seedingJob() + ".");
            }
            return Status.info("Drives ready for " + seedingJob() + ". Ship them to "
                    + created.location().displayName() + " and enter the shipping details within "
                    + ShippingRules.DEADLINE_DAYS + " days.");
        }
    }

    /** What the finished run did, or null while it runs or when it failed. */
    public Result result() {
        return result;
    }
}
