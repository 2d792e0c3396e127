package org.seedbench.batch.cli;

/**
 * The command line is wrong; the message says how, and the usage line follows it (exit 2). A verb throws it for a
 * mistake picocli cannot see, e.g. an option that is needed in one case only; {@code usage} may be {@code null}, then
 * the verb's generated usage line follows.
 */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String usage;

    public UsageException(String message, String usage) {
        super(message);
        this.usage = usage;
    }

    public String usage() {
        return usage;
    }
}
