package org.seedbench.cloud.azure.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes an account's secrets (key, SAS token, connection string) out of text before it reaches a message: the
 * values as given and URL-encoded, and any SAS signature ({@code sig=…}) whatever it belongs to.
 */
public final class Redactor {
    private static final Pattern SIGNATURE = Pattern.compile("(?i)(sig=)[^&\\s\"'<>]+");
    private static final String MASK = "******";

    private final List<String> secrets = new ArrayList<>();

    public Redactor(List<String> values) {
        for (String value : values) {
            if (value != null && value.length() >= 4) {
                secrets.add(value);
                String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
                if (!encoded.equals(value)) {
                    secrets.add(encoded);
                }
            }
        }
        // longest first, so a connection string is masked whole before the key inside it
        secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return SIGNATURE.matcher(result).replaceAll("$1" + MASK);
    }
}
