package org.seedbench.crypto.portable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape the volume header needs: a single object whose values are strings or integers. Enough to
 * keep this plugin free of a JSON library; anything else is refused.
 */
final class FlatJson {
    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /** Writes {@code fields} (String or Number values) as an indented object. */
    static String write(Map<String, Object> fields) {
        StringBuilder b = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            b.append("  ");
            quote(b, e.getKey());
            b.append(": ");
            if (e.getValue() instanceof Number n) {
                b.append(n.longValue());
            } else {
                quote(b, String.valueOf(e.getValue()));
            }
            b.append(++i < fields.size() ? ",\n" : "\n");
        }
        return b.append("}\n").toString();
    }

    /**
     * Reads an object of strings and integers (as {@link Long}).
     *
     * @throws IllegalArgumentException naming where the text stops being such an object
     */
    static Map<String, Object> parse(String text) {
        FlatJson p = new FlatJson(text);
        Map<String, Object> fields = new LinkedHashMap<>();
        p.expect('{');
        if (!p.peek('}')) {
            do {
                String key = p.string();
                p.expect(':');
                fields.put(key, p.peekString() ? p.string() : p.integer());
            } while (p.peek(','));
        }
        p.expect('}');
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("text after the object");
        }
        return fields;
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < ' ') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Consumes {@code c} if it comes next. */
    private boolean peek(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peekString() {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == '"';
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' expected");
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            } else {
                b.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Long integer() {
        skipSpace();
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("a string or an integer expected");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a flat JSON object at character " + pos + ": " + what);
    }
}
