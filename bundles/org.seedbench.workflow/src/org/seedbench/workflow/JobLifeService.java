package org.seedbench.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.support.files.DurableFiles;

/**
 * The job's life around the seeding trip, as {@code cancel}, {@code delete}, {@code edit} and {@code reopen} and
 * the workbench's Jobs view ask: each checks the job's state by {@link JobStates} first and records what it did
 * in the job's events. The seed is never lost by a cancel; a delete removes nothing of another job.
 */
@Component(service = JobLifeService.class)
public class JobLifeService {
    /** The folder of the data directory where a deleted job's events are kept (the chain of custody). */
    public static final String DELETED_FOLDER = "deleted-jobs";

    /** What {@link #cancel} did. */
    public enum Cancelled {
        /** The job had no import job yet: it is Cancelled, its seed kept. */
        LOCALLY,
        /** The service cancelled the import job; the job is Cancelled. */
        AT_SERVICE,
        /** The service took the request and cancels on a best-effort basis; the job stays where it is. */
        REQUESTED,
        /** The job was Cancelled already. */
        ALREADY
    }

    /** What {@link #delete} did: whether the staging repository was removed, and where the events are kept. */
    public record Deleted(SeedingJob job, boolean stagingRemoved, String staging, Path events) {
    }

    /** The inputs {@code edit} may change; null leaves a field as it is, a null workloads list keeps them. */
    public record Changes(String staging, String storageAccount, String container, String subscription,
            String location, String sourceHost, List<WorkloadSpec> workloads) {
    }

    @Reference
    private StageService stage;

    @Reference
    private ImportJobService importJobs;

    @Reference
    private InstalledProviders installed;

    /**
     * Cancels the job: before it has an import job it goes Cancelled here; in Creating or Shipping the service is
     * asked first ({@link ImportJobService#cancel}). The staging repository and the drives are kept.
     *
     * @throws InvalidInputException when the datacenter has the drives already, or the service refuses
     */
    public Cancelled cancel(Workspace workspace, String jobName) throws InvalidInputException, IOException {
        SeedingJob job = job(workspace, jobName);
        if (job.state() == JobState.CANCELLED) {
            return Cancelled.ALREADY;
        }
        if (!JobStates.canCancel(job.state())) {
            throw new InvalidInputException(new Problem("job", jobName, "is " + job.state().label()
                    + ": a job is cancelled before the datacenter receives its drives (Draft … Shipping)",
                    job.state().isServiceState() ? "follow it with seedbench status " + jobName + " --watch"
                            : "nothing to cancel"));
        }
        try (JobLock lock = JobLock.acquire(workspace, job, "cancel")) {
            if (job.state().isServiceState()) {
                JobState after = importJobs.cancel(workspace, jobName);
                return after == JobState.CANCELLED ? Cancelled.AT_SERVICE : Cancelled.REQUESTED;
            }
            try (Catalog catalog = workspace.catalog()) {
                catalog.moveJob(jobName, JobState.CANCELLED, "cancelled before it had an import job; the staging "
                        + "repository " + StagingRepositories.place(job) + " and any prepared drives are kept");
            }
            return Cancelled.LOCALLY;
        }
    }

    /**
     * Deletes a Draft, Cancelled, Expired or CleanedUp job from the catalog. Unless {@code keepData}, its staging
     * repository goes first, through the staging provider, and only when no other job's staging lies inside it.
     * The job's events, with a last one saying what was deleted, are kept in {@code <data>/deleted-jobs/}: the
     * catalog's log of a name that may be taken again by a new job starts afresh, and the chain of custody stays.
     *
     * @throws InvalidInputException when the job is in any other state, or its staging holds another job's
     */
    public Deleted delete(Workspace workspace, String jobName, boolean keepData)
            throws InvalidInputException, IOException {
        SeedingJob job = job(workspace, jobName);
        if (!JobStates.canDelete(job.state())) {
            throw new InvalidInputException(new Problem("job", jobName, "is " + job.state().label() + ": a job is "
                    + "deleted only when it is " + labels(JobStates.deletable()), job.state().isServiceState()
                            || JobStates.canCancel(job.state()) ? "cancel it first: seedbench cancel " + jobName
                                    : "wait until it is cleaned up: seedbench cleanup " + jobName));
        }
        String place = StagingRepositories.place(job);
        try (JobLock lock = JobLock.acquire(workspace, job, "delete")) {
            boolean removed = false;
            if (!keepData) {
                List<SeedingJob> others;
                try (Catalog catalog = workspace.catalog()) {
                    others = catalog.jobs().stream().filter(j -> !j.name().equals(jobName)).toList();
                }
                List<String> inside = inside(job, others);
                if (!inside.isEmpty()) {
                    throw new InvalidInputException(new Problem("job", jobName, "has its staging repository " + place
                            + " around the staging of job " + String.join(", ", inside) + ": nothing was deleted",
                            "--keep-data to delete the job and leave its staging folder"));
                }
                removed = StagingRepositories.existing(job, installed.stagingProviders()).isPresent();
                StagingRepositories.delete(job, installed.stagingProviders());
            }
            Path archive = workspace.dataDirectory().resolve(DELETED_FOLDER)
                    .resolve(jobName + "-" + job.created().toEpochMilli() + ".events");
            try (Catalog catalog = workspace.catalog()) {
                catalog.recordEvent(jobName, "job.deleted", "job " + jobName + " (" + job.state().label()
                        + ") deleted from the catalog; " + (keepData ? "its staging " + place + " kept (--keep-data)"
                                : removed ? "its staging repository " + place + " removed"
                                        : "it had no staging repository") + "; its events are kept in " + archive);
                // kept before the rows go, and again with what the catalog removed (a superset)
                archive(archive, catalog.events(jobName));
                archive(archive, catalog.deleteJob(jobName));
            }
            // its alert settings live beside the catalog (they may hold a webhook's token): a new job of the name
            // starts without them
            AlertSettings.put(workspace.dataDirectory(), jobName, AlertSettings.NONE);
            return new Deleted(job, removed, place, archive);
        }
    }

    /**
     * Edits a Draft or Staged job's inputs and workloads, with the checks {@code init} runs ({@link JobService}'s:
     * the rules of "initiate offline backup", the workloads, the staging location, the connector's location).
     * A Staged job whose workloads change goes back to Draft (its seed is staged again); its staging location
     * stays where the seed is.
     *
     * @return the job as now recorded
     * @throws InvalidInputException every problem; nothing was written
     */
    public SeedingJob edit(Workspace workspace, String jobName, Changes c) throws InvalidInputException {
        SeedingJob job = job(workspace, jobName);
        if (!JobStates.canEdit(job.state())) {
            throw new InvalidInputException(new Problem("job", jobName, "is " + job.state().label() + ": a job is "
                    + "edited only while it is " + labels(JobStates.editable()), "a new job: seedbench init"));
        }
        SeedingJob edited = new SeedingJob(jobName, pick(c.staging(), job.stagingLocation()),
                pick(c.storageAccount(), job.storageAccount()), pick(c.container(), job.container()),
                pick(c.subscription(), job.subscriptionId()), pick(c.location(), job.location()),
                c.workloads() != null ? c.workloads() : job.workloads(), job.connector(),
                pick(c.sourceHost(), job.sourceHost()), job.created(), job.state());
        if (job.state() == JobState.STAGED && c.staging() != null
                && !Objects.equals(stage.withStagingFolder(edited).stagingLocation(), job.stagingLocation())) {
            throw new InvalidInputException(new Problem(SeedRules.STAGING, c.staging(), "cannot change: the seed of "
                    + "job " + jobName + " is staged in " + StagingRepositories.place(job), "the staging location "
                            + job.stagingLocation() + ", or a new job"));
        }
        InvalidInputException.throwIfAny(stage.checkNewJob(edited));
        importJobs.checkLocation(workspace, edited);
        try (Catalog catalog = workspace.catalog()) {
            SeedingJob updated = catalog.updateJob(stage.withStagingFolder(edited));
            if (job.state() == JobState.STAGED && !job.workloads().equals(updated.workloads())) {
                updated = catalog.moveJob(jobName, JobState.DRAFT, "its workloads were edited: stage it again");
            }
            return updated;
        }
    }

    /** {@link ImportJobService#reopen}: a new import job for the prepared drives of an Expired job. */
    public ImportJobOutcome reopen(Workspace workspace, String jobName) throws InvalidInputException, IOException {
        SeedingJob job = job(workspace, jobName);
        try (JobLock lock = JobLock.acquire(workspace, job, "reopen")) {
            return importJobs.reopen(workspace, jobName);
        }
    }

    private static SeedingJob job(Workspace workspace, String jobName) throws InvalidInputException {
        try (Catalog catalog = workspace.catalog()) {
            return Jobs.require(catalog, jobName);
        }
    }

    /** The other jobs whose staging repository lies inside this job's (deleting it would take theirs). */
    private static List<String> inside(SeedingJob job, List<SeedingJob> others) {
        List<String> found = new ArrayList<>();
        Path mine = path(StagingRepositories.place(job));
        for (SeedingJob other : others) {
            Path theirs = path(StagingRepositories.place(other));
            if (mine != null && theirs != null && (theirs.startsWith(mine) || mine.equals(theirs))) {
                found.add(other.name());
            }
        }
        return found;
    }

    private static Path path(String place) {
        try {
            return Path.of(place).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Writes the events, one a line ({@code id, time, actor, kind, detail}, tab-separated), durably. */
    private static void archive(Path file, List<JobEvent> events) throws IOException {
        StringBuilder text = new StringBuilder("# id\ttime\tactor\tkind\tdetail\n");
        for (JobEvent e : events) {
            text.append(e.id()).append('\t').append(e.time()).append('\t').append(oneLine(e.actor())).append('\t')
                    .append(oneLine(e.kind())).append('\t').append(oneLine(e.detail())).append('\n');
        }
        java.nio.file.Files.createDirectories(file.getParent());
        DurableFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String labels(Set<JobState> states) {
        List<String> l = states.stream().map(JobState::label).collect(Collectors.toList());
        return String.join(", ", l.subList(0, l.size() - 1)) + " or " + l.get(l.size() - 1);
    }

    private static String pick(String given, String old) {
        return given != null ? given : old;
    }
}
