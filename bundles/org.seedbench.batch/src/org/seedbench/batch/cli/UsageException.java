package org.seedbench.batch.cli;

/** The command line is wrong; the message says how, and the usage line follows it. */
class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String usage;

    UsageException(String message, String usage) {
        super(message);
        this.usage = usage;
    }

    String usage() {
        return usage;
    }
}
