package org.seedbench.workflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.Repository;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.backup.WrongPassphraseException;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.WorkloadChecks;
import org.seedbench.core.spi.WorkloadSource;

/** What the workflow's steps share: finding a job, opening its repository, measuring folders. */
final class Jobs {

    private Jobs() {
    }

    static SeedingJob require(Catalog catalog, String jobName) throws InvalidInputException {
        return catalog.job(jobName).orElseThrow(() -> new InvalidInputException(
                new Problem("job", jobName, "does not exist", "a job listed by seedbench jobs")));
    }

    /** Opens a repository; a wrong passphrase is the user's input, not a failure. */
    static Repository open(BackupEngine engine, ObjectStore storage, Secret passphrase)
            throws InvalidInputException, IOException {
        try {
            return engine.open(storage, passphrase);
        } catch (WrongPassphraseException e) {
            throw new InvalidInputException(new Problem(SeedRules.PASSPHRASE, null,
                    "wrong passphrase for the repository at " + storage.location(),
                    "the passphrase the repository was created with; a lost passphrase cannot be recovered"));
        }
    }

    /** What keeps the job's workloads from being backed up: none, no source installed for one, a bad target. */
    static List<Problem> workloadProblems(SeedingJob job, List<WorkloadSource> sources) {
        List<Problem> problems = new ArrayList<>();
        if (job.workloads().isEmpty()) {
            problems.add(new Problem(SeedRules.WORKLOAD, null, "the job has no workloads",
                    "create the job with init --workload SOURCE:TARGET"));
        }
        problems.addAll(WorkloadChecks.check(job.workloads(), sources));
        return problems;
    }

    /**
     * The job's workloads with their sources, once {@link #workloadProblems} found nothing: one run (so one
     * snapshot) for each part a source splits its workload into ({@link WorkloadSource#units}).
     */
    static List<WorkloadRun> workloadRuns(SeedingJob job, List<WorkloadSource> sources) throws IOException {
        List<WorkloadRun> runs = new ArrayList<>();
        for (WorkloadSpec spec : job.workloads()) {
            WorkloadSource source = WorkloadChecks.find(spec.sourceId(), sources);
            for (WorkloadSpec unit : source.units(spec)) {
                runs.add(new WorkloadRun(source, unit));
            }
        }
        return runs;
    }
}
