package org.seedbench.ui.wizards;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.wizard.Wizard;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.DriveRules;
import org.seedbench.core.rules.Problem;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.AttachedDrives;
import org.seedbench.workflow.DriveListing;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * "Prepare drives": the drives this computer sees (and folder drives for a rehearsal) with the import service's
 * drive rules applied and explained, the encryptor, a format confirmation that names the drives; Finish runs a
 * {@link PrepareDrivesJob} on the drives the page listed (this computer's drives are listed once a run). When it
 * ends, {@code done} receives it (on the UI thread), e.g. to show the shipping
 * address.
 */
public class PrepareDrivesWizard extends Wizard {
    private final Path dataDirectory;
    private final String catalogUrl;
    private final SeedingJob job;
    private final Workspaces workspaces;
    private final DrivePreparationService preparation;
    private final DriveListing listing;
    private final Executor ui;
    private final Consumer<PrepareDrivesJob> done;
    private final Set<String> recordedSerials = new HashSet<>();
    private final List<String> earlierSpecs;

    private DrivesPage drives;
    private FormatPage format;
    private PrepareDrivesJob scheduled;

    /**
     * @param catalogUrl the workbench's catalog; null for the embedded one in the data directory
     * @param listing    this computer's drives, asked once when the drives page opens
     */
    public PrepareDrivesWizard(Path dataDirectory, String catalogUrl, SeedingJob job, Workspaces workspaces,
            DrivePreparationService preparation, DriveListing listing, Executor ui,
            Consumer<PrepareDrivesJob> done) {
        this.dataDirectory = dataDirectory;
        this.catalogUrl = catalogUrl;
        this.job = job;
        this.workspaces = workspaces;
        this.preparation = preparation;
        this.listing = listing;
        this.ui = ui;
        this.done = done;
        try (Workspace workspace = open(); Catalog catalog = workspace.catalog()) {
            catalog.drives(job.name()).stream().map(Drive::serial).forEach(recordedSerials::add);
            earlierSpecs = catalog.jobProperties(job.name()).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(DrivePreparationService.PROP_DRIVE_SPEC))
                    .map(java.util.Map.Entry::getValue).sorted().toList();
        }
        setWindowTitle("Prepare Drives for " + job.name());
    }

    private Workspace open() {
        return SeedbenchUi.open(workspaces, dataDirectory, catalogUrl);
    }

    @Override
    public void addPages() {
        drives = new DrivesPage(job.name(), listing, preparation.encryptors(), earlierSpecs, this::checkDrive);
        format = new FormatPage(drives, recordedSerials);
        addPage(drives);
        addPage(format);
    }

    @Override
    public boolean canFinish() {
        return drives.isPageComplete() && format.isPageComplete() && getContainer().getCurrentPage() == format;
    }

    @Override
    public boolean performFinish() {
        List<PrepareDrivesJob.DriveChoice> chosen = drives.chosen();
        Set<String> confirmed = new HashSet<>(format.confirmedSerials());
        scheduled = new PrepareDrivesJob(open(), job.name(), drives.listed(), chosen,
                drives.encryptor(), confirmed, preparation);
        scheduled.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (done != null) {
                    ui.execute(() -> done.accept(scheduled));
                }
            }
        });
        scheduled.schedule();
        return true;
    }

    /** The job Finish scheduled, or null. */
    public PrepareDrivesJob scheduled() {
        return scheduled;
    }

    /** Why the drive may not be prepared for this job (another job's seed on it…), as the preparation would say. */
    private List<Problem> checkDrive(AttachedDrives.Listed drive) {
        try (Workspace workspace = open()) {
            return preparation.checkDrive(workspace, job.name(), drive);
        } catch (IOException | RuntimeException e) {
            return List.of(new Problem(DriveRules.FIELD, drive.serial(), "could not be checked for another job's seed ("
                    + e.getMessage() + ")", "a drive whose volume can be read"));
        }
    }
}
