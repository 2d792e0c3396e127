package org.seedbench.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One workload of a seeding job: which source reads it ({@code files}, {@code dpm}, a partner's id), its
 * target (a root folder, an inventory file…) and source-specific options such as include/exclude globs.
 * Written on the command line as {@code SOURCE:TARGET}.
 */
public record WorkloadSpec(String sourceId, String target, Map<String, String> options) {

    public WorkloadSpec {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(target, "target");
        options = options == null ? Map.of() : Map.copyOf(new TreeMap<>(options));
    }

    public WorkloadSpec(String sourceId, String target) {
        this(sourceId, target, Map.of());
    }

    /**
     * Parses {@code SOURCE:TARGET}. The source id is what stands before the first colon, so Windows paths
     * ({@code files:C:\data}) keep their drive letter.
     *
     * @throws IllegalArgumentException when there is no source id or no target
     */
    public static WorkloadSpec parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a workload is written SOURCE:TARGET, e.g. files:/srv/data");
        }
        return new WorkloadSpec(text.substring(0, colon), text.substring(colon + 1));
    }

    public String option(String key) {
        return options.get(key);
    }

    @Override
    public String toString() {
        return sourceId + ':' + target;
    }
}
