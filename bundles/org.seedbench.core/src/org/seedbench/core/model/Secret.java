package org.seedbench.core.model;

import java.util.Arrays;

/**
 * A passphrase, recovery password or storage key. Its {@link #toString()} never shows the value, so a
 * secret that reaches a log line, an exception message or test output shows as {@code ******}.
 */
public final class Secret implements AutoCloseable {
    private final char[] value;

    public Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    /** A copy of the secret's characters; the caller clears it when done. */
    public char[] reveal() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** Overwrites the secret in memory. */
    @Override
    public void close() {
        Arrays.fill(value, '\0');
    }

    @Override
    public String toString() {
        return "******";
    }
}
