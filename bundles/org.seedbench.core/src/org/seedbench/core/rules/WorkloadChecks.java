package org.seedbench.core.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
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
            problems.addAll(SeedRules.checkWorkloadKind(spec.toString(), source.kind()));
            if (problems.isEmpty()) {
                problems.addAll(source.validate(spec));
            }
        }
        return problems;
    }

    /** The source with the id, or {@code null}. */
    public static WorkloadSource find(String id, Collection<WorkloadSource> sources) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
