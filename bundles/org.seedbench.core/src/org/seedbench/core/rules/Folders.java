package org.seedbench.core.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a folder really is, and whether one lies inside another, for the rules that keep writes out of places
 * that belong to something else (a repository, a staging location, a drive).
 *
 * @since 1.2
 */
public final class Folders {
    private Folders() {
    }

    /**
     * The path absolute and normalized, with symbolic links resolved in the part that exists, so that a path
     * through a link and the path it leads to compare equal.
     */
    public static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    /** Whether {@code path} is {@code folder} or lies under it, once both are {@link #canonical}. */
    public static boolean isInside(Path path, Path folder) {
        return canonical(path).startsWith(canonical(folder));
    }
}
