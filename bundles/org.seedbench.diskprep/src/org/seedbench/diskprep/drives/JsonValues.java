package org.seedbench.diskprep.drives;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON that {@code lsblk} and PowerShell print. Older {@code lsblk} (before util-linux 2.33) prints
 * every value as a string ({@code "rota": "1"}, {@code "size": "8001563222016"}); newer ones print booleans
 * and numbers; PowerShell prints one object instead of an array when there is one item. All are accepted.
 */
final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {
    }

    static JsonNode read(String json, String tool) throws IOException {
        String text = json == null ? "" : json.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            return MAPPER.missingNode();
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IOException(tool + " printed something that is not JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** The elements of an array, or the one object PowerShell prints for a single item. */
    static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return list;
        }
        if (node.isArray()) {
            node.forEach(list::add);
        } else {
            list.add(node);
        }
        return list;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** {@code true}, {@code "1"}, {@code "true"}, {@code 1}; anything else, including absent, is false. */
    static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.longValue() != 0;
        }
        String s = v.asText().trim().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("true");
    }

    /** {@code null} when absent, so that "not reported" differs from "false". */
    static Boolean optionalBool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : bool(node, field);
    }

    static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isNumber()) {
            return v.longValue();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }
}
