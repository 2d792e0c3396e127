package org.seedbench.catalog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.seedbench.core.model.WorkloadSpec;

/**
 * The text forms of the list columns, readable in a database browser and exact on the way back.
 *
 * <p>A list is written one item a line, each line ended by {@code \n}, so an empty list and a list of
 * one empty item differ. A workload is {@code SOURCE:TARGET}, then for each option, in key order, a tab and
 * {@code KEY=VALUE}, e.g. {@code files:/srv/data\tinclude=*.docx}. Inside the parts, {@code %}, tab, line
 * feed and carriage return are written {@code %25}, {@code %09}, {@code %0A} and {@code %0D}; a colon in a
 * source id is {@code %3A} and an equals sign in an option key is {@code %3D}.
 */
final class TextCodec {
    private static final char LINE_END = '\n';
    private static final char OPTION = '\t';
    private static final String HEX = "0123456789ABCDEF";

    private TextCodec() {
    }

    static String encodeWorkloads(List<WorkloadSpec> workloads) {
        List<String> lines = new ArrayList<>(workloads.size());
        for (WorkloadSpec w : workloads) {
            StringBuilder line = new StringBuilder();
            line.append(escape(w.sourceId(), ':')).append(':').append(escape(w.target(), '\0'));
            for (Map.Entry<String, String> option : new TreeMap<>(w.options()).entrySet()) {
                line.append(OPTION).append(escape(option.getKey(), '=')).append('=')
                        .append(escape(option.getValue(), '\0'));
            }
            lines.add(line.toString());
        }
        return joinLines(lines);
    }

    static List<WorkloadSpec> decodeWorkloads(String text) {
        List<WorkloadSpec> workloads = new ArrayList<>();
        for (String line : splitLines(text)) {
            String[] parts = line.split(String.valueOf(OPTION), -1);
            int colon = parts[0].indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("workload '" + line + "' has no ':' between source and target");
            }
            Map<String, String> options = new TreeMap<>();
            for (int i = 1; i < parts.length; i++) {
                int equals = parts[i].indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("workload option '" + parts[i] + "' has no '='");
                }
                options.put(unescape(parts[i].substring(0, equals)), unescape(parts[i].substring(equals + 1)));
            }
            workloads.add(new WorkloadSpec(unescape(parts[0].substring(0, colon)),
                    unescape(parts[0].substring(colon + 1)), options));
        }
        return List.copyOf(workloads);
    }

    static String encodeLines(List<String> items) {
        List<String> escaped = new ArrayList<>(items.size());
        for (String item : items) {
            escaped.add(escape(item, '\0'));
        }
        return joinLines(escaped);
    }

    static List<String> decodeLines(String text) {
        List<String> items = new ArrayList<>();
        for (String line : splitLines(text)) {
            items.add(unescape(line));
        }
        return List.copyOf(items);
    }

    private static String joinLines(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line).append(LINE_END);
        }
        return b.toString();
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == LINE_END) {
                lines.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start != text.length()) {
            throw new IllegalArgumentException("list text does not end with a line feed");
        }
        return lines;
    }

    /** Escapes the reserved characters and {@code extra} (or nothing more when it is {@code \0}). */
    private static String escape(String s, char extra) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || c == OPTION || c == LINE_END || c == '\r' || (extra != '\0' && c == extra)) {
                b.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("'" + s + "' ends in the middle of a % escape");
                }
                int high = HEX.indexOf(s.charAt(i + 1));
                int low = HEX.indexOf(s.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("'" + s + "' has a bad % escape");
                }
                b.append((char) (high << 4 | low));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
