package org.seedbench.cloud.local.internal;

import org.seedbench.core.support.files.DurableFiles;

/**
 * The rules of blob names in the local cloud: '/'-separated segments, none empty, none {@code .} or
 * {@code ..}, none starting with the temp prefix, no backslash, no leading '/', at most 1024 characters (as
 * Blob storage allows).
 */
public final class BlobNames {
    public static final int MAX_LENGTH = 1024;

    private BlobNames() {
    }

    /** @throws IllegalArgumentException naming the blob and the rule it breaks */
    public static void check(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("blob name '" + name + "': " + problem
                    + " (allowed: '/'-separated names, no empty, '.' or '..' segment, no leading '/')");
        }
    }

    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    private static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "is " + name.length() + " characters long";
        }
        if (name.startsWith("/")) {
            return "starts with '/'";
        }
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return "holds a backslash or a NUL character";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' segment";
            }
            if (segment.startsWith(DurableFiles.TEMP_PREFIX)) {
                return "has a segment starting with " + DurableFiles.TEMP_PREFIX;
            }
        }
        return null;
    }
}
