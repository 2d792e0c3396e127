/**
 * The upload bandwidth budget: a {@link org.seedbench.core.support.bandwidth.Rate} parsed from what an admin types,
 * the work-hours schedule of a job ({@link org.seedbench.core.support.bandwidth.WorkHours}), the one token bucket
 * every uploaded byte passes ({@link org.seedbench.core.support.bandwidth.Bandwidth}) and the object store
 * decorator that makes a cloud container's writes pass it
 * ({@link org.seedbench.core.support.bandwidth.ThrottledObjectStore}).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.core.support.bandwidth;
