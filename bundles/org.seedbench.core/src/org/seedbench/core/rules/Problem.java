package org.seedbench.core.rules;

/**
 * One thing wrong with an input: the field, the value as given (or {@code null} for a secret or a missing
 * value), what is wrong with it and what is allowed.
 */
public record Problem(String field, String value, String problem, String allowed) {

    /** One line a person can act on, e.g. {@code container '-seed': starts with a hyphen; allowed: …}. */
    public String message() {
        StringBuilder b = new StringBuilder(field);
        if (value != null) {
            b.append(" '").append(value).append('\'');
        }
        b.append(": ").append(problem);
        if (allowed != null && !allowed.isEmpty()) {
            b.append(" (allowed: ").append(allowed).append(')');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
