package org.seedbench.batch.cli;

/** The CLI's exit codes, one meaning each, for scripts to read. */
public enum ExitCode {
    /** Done. */
    DONE(0),
    /** Something failed that is not the user's input: I/O, the catalog, the cloud. */
    FAILURE(1),
    /** The command line is wrong: unknown verb or option, missing argument. */
    USAGE(2),
    /** An input breaks a rule of the seeding workflow. */
    INVALID_INPUT(3),
    /** Done as far as it could go; the user must act (more drives, shipping details, warnings to read). */
    NEEDS_ACTION(4),
    /**
     * Another admin changed the job (or drive) since it was read, on a shared catalog: nothing was changed; refresh
     * and try again.
     */
    CONFLICT(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
