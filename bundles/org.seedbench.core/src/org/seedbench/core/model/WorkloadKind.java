package org.seedbench.core.model;

/** The kinds of workload the seed knows; partner plugins report {@link #PARTNER}. */
public enum WorkloadKind {
    FILES, DPM, MABS, SYSTEM_STATE, PARTNER
}
