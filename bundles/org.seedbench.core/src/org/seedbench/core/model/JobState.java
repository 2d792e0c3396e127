package org.seedbench.core.model;

/**
 * The state of a seeding job. Seedbench's own states come before and after the states the import service
 * reports (Creating … Closed, Cancelled, Expired); {@link #label()} is the name the service and the user see.
 */
public enum JobState {
    DRAFT("Draft"),
    STAGING("Staging"),
    STAGED("Staged"),
    PREPARING_DRIVES("PreparingDrives"),
    DRIVES_READY("DrivesReady"),
    CREATING("Creating"),
    SHIPPING("Shipping"),
    RECEIVED("Received"),
    TRANSFERRING("Transferring"),
    PACKAGING("Packaging"),
    COMPLETED("Completed"),
    COMPLETED_WITH_ERRORS("CompletedWithErrors"),
    CLOSED("Closed"),
    CANCELLED("Cancelled"),
    EXPIRED("Expired"),
    VAULT_SEEDING("VaultSeeding"),
    SEEDED("Seeded"),
    CLEANED_UP("CleanedUp");

    private final String label;

    JobState(String label) {
        this.label = label;
    }

    /** The state's name as the service and the user interfaces spell it, e.g. {@code PreparingDrives}. */
    public String label() {
        return label;
    }

    /** Parses a label (or an enum constant name), ignoring case. */
    public static JobState parse(String text) {
        for (JobState s : values()) {
            if (s.label.equalsIgnoreCase(text) || s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown job state '" + text + "'");
    }

    /** Whether the import service owns the job in this state (Creating … Closed). */
    public boolean isServiceState() {
        return ordinal() >= CREATING.ordinal() && ordinal() <= EXPIRED.ordinal();
    }

    @Override
    public String toString() {
        return label;
    }
}
