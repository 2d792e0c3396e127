package org.seedbench.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.WorkloadChecks;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;

/** Every workload of a job is checked, whatever the workloads before it were found to lack. */
class WorkloadChecksTest {
    /**
     * A source that finds every target it is given missing (or of a kind offline seeding refuses); the checks
     * read nothing of a workload.
     */
    private record Source(String id, WorkloadKind kind) implements WorkloadSource {
        @Override
        public String label() {
            return id;
        }

        @Override
        public List<Problem> validate(WorkloadSpec spec) {
            return List.of(new Problem(SeedRules.WORKLOAD, spec.toString(), "does not exist", "an existing folder"));
        }

        @Override
        public long estimateSize(WorkloadSpec spec, Progress progress) {
            throw new UnsupportedOperationException("checked workloads are not read");
        }

        @Override
        public void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings,
                Progress progress) {
            throw new UnsupportedOperationException("checked workloads are not read");
        }

        @Override
        public InputStream open(WorkloadSpec spec, WorkloadItem item) {
            throw new UnsupportedOperationException("checked workloads are not read");
        }
    }

    private static final List<WorkloadSource> SOURCES = List.of(new Source("files", WorkloadKind.FILES),
            new Source("systemstate", WorkloadKind.SYSTEM_STATE));

    @Test
    void twoBadWorkloadsGiveTwoProblems() {
        List<Problem> problems = WorkloadChecks.check(List.of(WorkloadSpec.parse("files:/srv/a"),
                WorkloadSpec.parse("files:/srv/b")), SOURCES);

        assertEquals(List.of("files:/srv/a", "files:/srv/b"), problems.stream().map(Problem::value).toList());
    }

    @Test
    void aWorkloadAfterAMissingSourceOrSystemStateIsStillValidated() {
        List<Problem> problems = WorkloadChecks.check(List.of(WorkloadSpec.parse("dpm:group1"),
                WorkloadSpec.parse("systemstate:C"), WorkloadSpec.parse("files:/srv/b")), SOURCES);

        assertEquals(List.of("dpm:group1", "systemstate:C", "files:/srv/b"),
                problems.stream().map(Problem::value).toList());
        assertEquals("does not exist", problems.get(2).problem());
    }
}
