package org.seedbench.core.model;

/** The state of one drive of an import job, as the import service reports it. */
public enum DriveState {
    SPECIFIED("Specified"),
    RECEIVED("Received"),
    NEVER_RECEIVED("NeverReceived"),
    TRANSFERRING("Transferring"),
    COMPLETED("Completed"),
    COMPLETED_MORE_INFO("CompletedMoreInfo"),
    SHIPPED_BACK("ShippedBack");

    private final String label;

    DriveState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static DriveState parse(String text) {
        for (DriveState s : values()) {
            if (s.label.equalsIgnoreCase(text) || s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown drive state '" + text + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
