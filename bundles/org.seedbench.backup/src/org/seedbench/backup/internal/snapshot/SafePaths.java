package org.seedbench.backup.internal.snapshot;

/** The rule every item path of a tree keeps: relative, '/'-separated, no empty, '.' or '..' segment. */
public final class SafePaths {

    private SafePaths() {
    }

    /** Why the path is not safe to restore under a target folder, or {@code null} when it is. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "it is empty";
        }
        if (path.startsWith("/") || path.startsWith("\\") || (path.length() >= 2 && path.charAt(1) == ':')) {
            return "it is absolute";
        }
        if (path.indexOf('\0') >= 0) {
            return "it holds a NUL character";
        }
        if (path.indexOf('\\') >= 0 && java.io.File.separatorChar == '\\') {
            return "it holds a backslash";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "it climbs out with '..'";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "it has an empty or '.' segment";
            }
        }
        return null;
    }
}
