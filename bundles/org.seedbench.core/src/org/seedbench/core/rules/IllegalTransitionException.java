package org.seedbench.core.rules;

/** Thrown when a job or drive is asked to move to a state its current state does not lead to. */
public class IllegalTransitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String from;
    private final String to;

    public IllegalTransitionException(String what, String from, String to, String allowed) {
        super(what + " cannot go from " + from + " to " + to
                + (allowed.isEmpty() ? ": " + from + " is final" : "; from " + from + " it can go to " + allowed));
        this.from = from;
        this.to = to;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
