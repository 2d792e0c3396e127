package org.seedbench.backup;

import java.util.Objects;

import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.WorkloadSource;

/** One workload of a backup run: the source that reads it and its spec. Each becomes one snapshot. */
public record WorkloadRun(WorkloadSource source, WorkloadSpec spec) {

    public WorkloadRun {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(spec, "spec");
    }
}
