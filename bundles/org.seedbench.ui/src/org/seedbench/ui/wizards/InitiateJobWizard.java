package org.seedbench.ui.wizards;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.eclipse.jface.wizard.Wizard;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.ui.secrets.SecretStore;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.JobService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * "Initiate offline backup": the five inputs of the seed's screen (staging location, storage account, container,
 * subscription id, import job name) plus the location, the connector, the workloads (from every registered
 * {@link WorkloadSource}) and the backup passphrase entered twice. The core rules check every field as it is
 * typed; Finish stays disabled until all are good, then creates the job in the catalog (state Draft) and, when
 * asked, keeps the passphrase in secure storage.
 */
public class InitiateJobWizard extends Wizard {
    private final Path dataDirectory;
    private final String catalogUrl;
    private final Workspaces workspaces;
    private final StageService stage;
    private final JobService jobs;
    private final Supplier<? extends Collection<WorkloadSource>> sources;
    private final List<String> connectors;
    private final SecretStore secrets;
    private final Clock clock;
    private final Set<String> existingJobs;

    private JobInputsPage inputs;
    private WorkloadsPage workloads;
    private SeedingJob created;
    private org.seedbench.workflow.EstimateService estimates;

    /**
     * @param stage      checks the new job as {@code init} does, its staging location included
     * @param jobs       creates it, as {@code init} does
     * @param sources    the workload sources registered now (asked again each time the workloads page shows)
     * @param connectors ids of the registered cloud connectors
     * @param secrets    where the passphrase is kept when the user asks; {@code null} hides the choice
     */
    public InitiateJobWizard(Path dataDirectory, CatalogService catalogs, StageService stage, JobService jobs,
            Supplier<? extends Collection<WorkloadSource>> sources, List<String> connectors, SecretStore secrets,
            Clock clock) {
        this(dataDirectory, null, new Workspaces(catalogs), stage, jobs, sources, connectors, secrets, clock);
    }

    /**
     * @param catalogUrl the workbench's catalog; null for the embedded one in the data directory
     * @param workspaces the workbench's {@link Workspaces} service
     * @see #InitiateJobWizard(Path, CatalogService, StageService, JobService, Supplier, List, SecretStore, Clock)
     */
    public InitiateJobWizard(Path dataDirectory, String catalogUrl, Workspaces workspaces, StageService stage, JobService jobs,
            Supplier<? extends Collection<WorkloadSource>> sources, List<String> connectors, SecretStore secrets,
            Clock clock) {
        this.dataDirectory = dataDirectory;
        this.catalogUrl = catalogUrl;
        this.workspaces = workspaces;
        this.stage = stage;
        this.jobs = jobs;
        this.sources = sources;
        this.connectors = connectors.isEmpty() ? List.of(SeedingJob.DEFAULT_CONNECTOR) : List.copyOf(connectors);
        this.secrets = secrets;
        this.clock = clock;
        try (Workspace workspace = SeedbenchUi.open(workspaces, dataDirectory, catalogUrl);
                Catalog catalog = workspace.catalog()) {
            existingJobs = catalog.jobs().stream().map(SeedingJob::name).collect(Collectors.toSet());
        }
        setWindowTitle("Initiate Offline Backup");
        setNeedsProgressMonitor(false);
    }

    @Override
    public void addPages() {
        inputs = new JobInputsPage(connectors, existingJobs);
        workloads = new WorkloadsPage(sources, secrets != null);
        addPage(inputs);
        addPage(workloads);
        if (estimates != null) {
            addPage(new EstimatePage(estimates, this::job));
        }
    }

    /**
     * Adds a last page with the pre-flight estimate ({@code seedbench estimate}) of the job as the pages have it;
     * call it before the wizard is opened.
     */
    public InitiateJobWizard withEstimates(org.seedbench.workflow.EstimateService service) {
        this.estimates = service;
        return this;
    }

    /** The job as the pages have it now. */
    SeedingJob job() {
        return new SeedingJob(inputs.text(SeedRules.NAME), inputs.text(SeedRules.STAGING),
                inputs.text(SeedRules.STORAGE_ACCOUNT), inputs.text(SeedRules.CONTAINER),
                inputs.text(SeedRules.SUBSCRIPTION), inputs.text(SeedRules.LOCATION), workloads.workloads(),
                inputs.connector(), inputs.sourceHost(), clock.instant(), JobState.DRAFT);
    }

    @Override
    public boolean performFinish() {
        SeedingJob job = job();
        List<Problem> problems = stage.checkNewJob(job);
        if (!problems.isEmpty()) {
            inputs.validate();
            workloads.validate();
            if (inputs.isPageComplete() && workloads.isPageComplete()) {
                // what the pages do not check as they are typed: the staging location on this computer
                getContainer().showPage(inputs);
                inputs.setErrorMessage(problems.get(0).message());
            }
            return false;
        }
        boolean keep = secrets != null && workloads.keepPassphrase();
        try (Secret passphrase = workloads.passphrase()) {
            if (keep) {
                secrets.keepPassphrase(job.name(), passphrase);
            }
            try (Workspace workspace = SeedbenchUi.open(workspaces, dataDirectory, catalogUrl)) {
                created = jobs.create(workspace, job);
            } catch (InvalidInputException | RuntimeException e) {
                if (keep) {
                    secrets.forgetJob(job.name());
                }
                throw e;
            }
        } catch (InvalidInputException e) {
            getContainer().showPage(inputs);
            inputs.setErrorMessage(e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            ((org.eclipse.jface.wizard.WizardPage) getContainer().getCurrentPage())
                    .setErrorMessage("The job was not created: " + e.getMessage());
            return false;
        }
        return true;
    }

    /** The job Finish created, or {@code null}. */
    public SeedingJob created() {
        return created;
    }
}
