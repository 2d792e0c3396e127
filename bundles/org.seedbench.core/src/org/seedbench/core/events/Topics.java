package org.seedbench.core.events;

/**
 * EventAdmin topics posted when the catalog changes. Each event carries {@link #JOB} and, where it applies,
 * {@link #DRIVE} and {@link #STATE}.
 */
public final class Topics {
    public static final String BASE = "org/seedbench/";
    public static final String JOB_ALL = BASE + "job/*";
    public static final String JOB_CREATED = BASE + "job/created";
    public static final String JOB_STATE = BASE + "job/state";
    public static final String JOB_EVENT = BASE + "job/event";
    public static final String DRIVE_ALL = BASE + "drive/*";
    public static final String DRIVE_STATE = BASE + "drive/state";
    public static final String SHIPMENT = BASE + "shipment/updated";

    /** Event property: the job's name. */
    public static final String JOB = "job";
    public static final String DRIVE = "drive";
    public static final String STATE = "state";

    private Topics() {
    }
}
