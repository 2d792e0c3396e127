package org.seedbench.core.rules;

/**
 * One thing wrong with an input: the field, the value as given (or {@code null} for a secret or a missing
 * value), what is wrong with it and what is allowed.
 */
public record Problem(String field, String value, String problem, String allowed) {

    /**
     * One line a person can act on, e.g. {@code container '-seed': starts with a hyphen; allowed: …}. Control
     * characters of the value (a newline in a name) are shown escaped (a newline as backslash-n), so the
     * message stays one line and cannot forge another in output or logs.
     */
    public String message() {
        StringBuilder b = new StringBuilder(field);
        if (value != null) {
            b.append(" '").append(escape(value)).append('\'');
        }
        b.append(": ").append(problem);
        if (allowed != null && !allowed.isEmpty()) {
            b.append(" (allowed: ").append(allowed).append(')');
        }
        return b.toString();
    }

    /** The text with its control characters written as Java escapes: backslash-n, backslash-t, backslash-u0007. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
