package org.seedbench.core.rules;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.StagingProvider;
import org.seedbench.core.spi.WorkloadSource;

/** Checks a job's workloads against the workload sources that are installed. */
public final class WorkloadChecks {

    private WorkloadChecks() {
    }

    /**
     * Every problem of a job about to be created ("initiate offline backup" in the CLI and the workbench): its
     * inputs ({@link SeedRules#checkJob}), then its workloads against the installed sources.
     *
     * @since 1.1
     */
    public static List<Problem> checkNewJob(SeedingJob job, Collection<WorkloadSource> sources) {
        List<Problem> problems = new ArrayList<>(SeedRules.checkJob(job));
        problems.addAll(check(job.workloads(), sources));
        return problems;
    }

    /**
     * Every problem of a job about to be created, as {@link #checkNewJob(SeedingJob, Collection)}, and its
     * staging location checked by the provider that takes it: a share that is not mounted, a location that
     * cannot be created or written, one inside a source. The check writes nothing that it leaves behind; the
     * room the seed needs is checked by {@code stage}, once its size is known.
     *
     * @since 1.2
     */
    public static List<Problem> checkNewJob(SeedingJob job, Collection<WorkloadSource> sources,
            Collection<StagingProvider> staging) {
        List<Problem> problems = new ArrayList<>(checkNewJob(job, sources));
        if (problems.stream().noneMatch(p -> SeedRules.STAGING.equals(p.field()))) {
            problems.addAll(checkStaging(job.stagingLocation(), 0, sourceRoots(job.workloads()), staging));
        }
        return problems;
    }

    /**
     * The problems of a staging location for a seed of {@code requiredBytes}, from the first provider that
     * takes it; when none does, why the first provider refuses it (a share that is not mounted says how to
     * mount it).
     *
     * @since 1.2
     */
    public static List<Problem> checkStaging(String location, long requiredBytes, List<Path> sourceRoots,
            Collection<StagingProvider> staging) {
        Optional<StagingProvider> provider = stagingProvider(location, staging);
        if (provider.isPresent()) {
            return provider.get().check(location, requiredBytes, sourceRoots);
        }
        List<Problem> refused = staging.isEmpty() ? List.of()
                : staging.iterator().next().check(location, requiredBytes, sourceRoots);
        return refused.isEmpty() ? List.of(new Problem(SeedRules.STAGING, location,
                "no staging provider handles this location", "a local folder, a mounted share or a UNC path"))
                : refused;
    }

    /** The provider that takes the location, if any. */
    public static Optional<StagingProvider> stagingProvider(String location, Collection<StagingProvider> staging) {
        return location == null ? Optional.empty() : staging.stream().filter(p -> p.accepts(location)).findFirst();
    }

    /**
     * The job with its staging location as the folder of this computer it stands for ({@link
     * StagingProvider#folder}): a UNC path of a mounted share becomes the mounted folder, a {@code file:} URI its
     * path; the job as it is when no provider takes the location.
     *
     * @since 1.2
     */
    public static SeedingJob withStagingFolder(SeedingJob job, Collection<StagingProvider> staging) {
        Optional<Path> folder = stagingProvider(job.stagingLocation(), staging)
                .flatMap(p -> p.folder(job.stagingLocation()));
        if (folder.isEmpty() || folder.get().toString().equals(job.stagingLocation())) {
            return job;
        }
        return job.withStagingLocation(folder.get().toString());
    }

    /**
     * The folders the workloads read (their targets that are existing absolute paths), which the staging
     * location must not lie inside; a workload whose target is not a path (a database dump) has none.
     *
     * @since 1.2
     */
    public static List<Path> sourceRoots(List<WorkloadSpec> workloads) {
        List<Path> roots = new ArrayList<>();
        for (WorkloadSpec w : workloads) {
            try {
                Path p = Path.of(w.target());
                if (p.isAbsolute() && Files.exists(p)) {
                    roots.add(p);
                }
            } catch (InvalidPathException e) {
                // not a path: such a workload has no root folder
            }
        }
        return roots;
    }

    /**
     * Problems with the workloads: a source that is not installed, system state, and whatever each source
     * finds wrong with its own workload.
     */
    public static List<Problem> check(List<WorkloadSpec> workloads, Collection<WorkloadSource> sources) {
        List<Problem> problems = new ArrayList<>();
        for (WorkloadSpec spec : workloads) {
            WorkloadSource source = find(spec.sourceId(), sources);
            if (source == null) {
                String installed = sources.stream().map(WorkloadSource::id).sorted().collect(Collectors.joining(", "));
                problems.add(new Problem(SeedRules.WORKLOAD, spec.toString(),
                        "no workload source '" + spec.sourceId() + "' is installed",
                        installed.isEmpty() ? "none is installed" : installed));
                continue;
            }
            List<Problem> kind = SeedRules.checkWorkloadKind(spec.toString(), source.kind());
            problems.addAll(kind.isEmpty() ? source.validate(spec) : kind);
        }
        return problems;
    }

    /** The source with the id, or {@code null}. */
    public static WorkloadSource find(String id, Collection<WorkloadSource> sources) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
