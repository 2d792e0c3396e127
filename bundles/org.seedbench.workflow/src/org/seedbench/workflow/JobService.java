package org.seedbench.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.RehearsalRules;
import org.seedbench.core.rules.SeedRules;

/**
 * Creates seeding jobs, as {@code init} and the "Initiate offline backup" wizard ask: every check runs before the job
 * is written (its inputs, its workloads, its staging location, its connector's location), and a refused job leaves
 * nothing behind. The job is created in Draft, its staging location the folder of this computer it stands for.
 */
@Component(service = JobService.class)
public class JobService {

    /** A job as created; {@code rehearsalDaysPerSecond} is null for a real job. */
    public record Created(SeedingJob job, String rehearsalDaysPerSecond) {
    }

    @Reference
    private StageService stage;

    @Reference
    private ImportJobService importJobs;

    /**
     * The workloads of a new job as {@code init --workload} gives them ({@code SOURCE:TARGET}), each with the
     * include and exclude globs that apply to every workload.
     *
     * @throws InvalidInputException the first workload that is not {@code SOURCE:TARGET}
     */
    public static List<WorkloadSpec> workloads(List<String> workloads, List<String> include, List<String> exclude)
            throws InvalidInputException {
        List<WorkloadSpec> specs = new ArrayList<>();
        for (String w : workloads) {
            try {
                WorkloadSpec spec = WorkloadSpec.parse(w);
                Map<String, String> options = new LinkedHashMap<>();
                if (!include.isEmpty()) {
                    options.put("include", String.join("\n", include));
                }
                if (!exclude.isEmpty()) {
                    options.put("exclude", String.join("\n", exclude));
                }
                specs.add(new WorkloadSpec(spec.sourceId(), spec.target(), options));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(new Problem(SeedRules.WORKLOAD, w, e.getMessage(), null));
            }
        }
        return specs;
    }

    /**
     * Creates a real job.
     *
     * @throws InvalidInputException every problem of the job; nothing was written
     */
    public SeedingJob create(Workspace workspace, SeedingJob job) throws InvalidInputException {
        return create(workspace, job, null, false).job();
    }

    /**
     * Creates a rehearsal: its import job at the local cloud's simulated datacenter runs on a clock of its own
     * ({@link ImportJobService#PROP_REHEARSAL}), which the job's events record.
     *
     * @param daysPerSecond simulated days per real second; null for
     *                      {@value RehearsalRules#DEFAULT_DAYS_PER_SECOND}
     * @throws InvalidInputException every problem of the job, its connector (the local cloud only) or the speed;
     *                               nothing was written
     */
    public Created createRehearsal(Workspace workspace, SeedingJob job, String daysPerSecond)
            throws InvalidInputException {
        return create(workspace, job, daysPerSecond, true);
    }

    private Created create(Workspace workspace, SeedingJob job, String daysPerSecond, boolean rehearsal)
            throws InvalidInputException {
        InvalidInputException.throwIfAny(stage.checkNewJob(job));
        String speed = null;
        if (rehearsal) {
            List<Problem> problems = new ArrayList<>(RehearsalRules.checkConnector(job.connector()));
            if (daysPerSecond != null) {
                problems.addAll(RehearsalRules.checkDaysPerSecond(daysPerSecond));
            }
            InvalidInputException.throwIfAny(problems);
            speed = formatted(daysPerSecond == null ? RehearsalRules.DEFAULT_DAYS_PER_SECOND
                    : Double.parseDouble(daysPerSecond.strip()));
        }
        importJobs.checkLocation(workspace, job);
        try (Catalog catalog = workspace.catalog()) {
            SeedingJob created = catalog.createJob(stage.withStagingFolder(job));
            if (speed != null) {
                catalog.putJobProperties(created.name(), Map.of(ImportJobService.PROP_REHEARSAL, speed));
                catalog.recordEvent(created.name(), "rehearsal", "a rehearsal: its import job at the local cloud's "
                        + "simulated datacenter runs on a clock of its own, " + speed + " days a real second");
            }
            return new Created(created, speed);
        }
    }

    private static String formatted(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
