package org.seedbench.cloud.azure.internal;

import java.util.Map;

import org.seedbench.core.model.Secret;

/** Reads connector settings whose values may be given as text, a {@link Secret}, or another object. */
public final class Settings {
    private Settings() {
    }

    /** The trimmed text of a setting, or null when it is missing or blank. */
    public static String text(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    /** A secret setting, given as a {@link Secret} or as plain text; null when missing or empty. */
    public static Secret secret(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        if (value instanceof Secret s) {
            return s.length() == 0 ? null : s;
        }
        return value == null || value.toString().isEmpty() ? null : Secret.of(value.toString());
    }

    /** A yes/no setting: {@code true} as a Boolean or the text {@code true}. */
    public static boolean flag(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString().trim());
    }

    /** The secret's value as a string, for an SDK that takes nothing else. */
    public static String reveal(Secret secret) {
        char[] chars = secret.reveal();
        try {
            return new String(chars);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
