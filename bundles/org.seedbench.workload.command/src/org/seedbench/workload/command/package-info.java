/**
 * The {@code command} workload: the standard output of a configured command (a database dump, an export)
 * seeded as one item, kept only when the command exits with 0. It is also the SDK's example of a workload
 * plugin: one Declarative Services component providing {@link org.seedbench.core.spi.WorkloadSource},
 * configured through ConfigurationAdmin (factory PID {@value CommandWorkloadSource#PID}) or through
 * {@code NAME.cfg} files in the commands folder.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.workload.command;
