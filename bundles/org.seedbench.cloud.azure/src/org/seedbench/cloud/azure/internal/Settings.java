package org.seedbench.cloud.azure.internal;

import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.ConnectorSettings;

/** Reads connector settings: text, secrets (a secret given as text is taken too), flags. */
public final class Settings {
    private Settings() {
    }

    /** The trimmed text of a setting, or null when it is missing or blank. */
    public static String text(ConnectorSettings settings, String key) {
        return settings.text(key);
    }

    /** A secret setting, given as a {@link Secret} or as plain text; null when missing or empty. */
    public static Secret secret(ConnectorSettings settings, String key) {
        Secret secret = settings.secret(key);
        if (secret != null) {
            return secret;
        }
        String value = settings.text(key);
        return value == null ? null : Secret.of(value);
    }

    /** A yes/no setting: the text {@code true}. */
    public static boolean flag(ConnectorSettings settings, String key) {
        return settings.flag(key);
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
