package org.seedbench.core.model;

import java.time.Instant;

/**
 * One entry of a job's event log, the chain of custody: who did what, when.
 *
 * @param kind   a short machine-readable kind, e.g. {@code job.created}, {@code job.state}
 * @param detail what changed, in words a person reads
 */
public record JobEvent(long id, String jobName, Instant time, String actor, String kind, String detail) {
}
