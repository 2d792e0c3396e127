package org.seedbench.workload.files;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;

/**
 * The include and exclude globs of a files workload, matched with {@code glob:} {@link PathMatcher}
 * semantics against an item's path relative to the root. A glob without a slash matches at the root only
 * ({@code *} does not cross folders); {@code **} crosses folders, so {@code **.tmp} matches a {@code .tmp}
 * file at any depth. A leading or trailing slash is ignored: {@code /cache/} is {@code cache}.
 */
final class Selection {
    static final String INCLUDE = "include";
    static final String EXCLUDE = "exclude";

    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;

    private Selection(List<PathMatcher> includes, List<PathMatcher> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * The selection of a workload.
     *
     * @throws InvalidGlobException when a glob is not valid glob syntax
     */
    static Selection of(WorkloadSpec spec, FileSystem fs) {
        return new Selection(matchers(INCLUDE, spec.option(INCLUDE), fs), matchers(EXCLUDE, spec.option(EXCLUDE), fs));
    }

    /** The problems of the include and exclude options: each glob that is not valid glob syntax. */
    static List<Problem> problems(WorkloadSpec spec, FileSystem fs) {
        List<Problem> problems = new ArrayList<>();
        for (String option : List.of(INCLUDE, EXCLUDE)) {
            for (String glob : globs(spec.option(option))) {
                try {
                    fs.getPathMatcher("glob:" + glob);
                } catch (PatternSyntaxException e) {
                    problems.add(new Problem(option, glob, "is not a valid glob (" + e.getDescription() + ")",
                            "globs such as *.tmp, cache or **/*.log, one a line"));
                }
            }
        }
        return problems;
    }

    /** The globs of one option, one a line, without blank lines and surrounding blanks and slashes. */
    static List<String> globs(String option) {
        List<String> globs = new ArrayList<>();
        if (option == null) {
            return globs;
        }
        for (String line : option.split("\\R")) {
            String glob = line.strip();
            while (glob.startsWith("/")) {
                glob = glob.substring(1);
            }
            while (glob.endsWith("/")) {
                glob = glob.substring(0, glob.length() - 1);
            }
            if (!glob.isEmpty()) {
                globs.add(glob);
            }
        }
        return globs;
    }

    private static List<PathMatcher> matchers(String option, String value, FileSystem fs) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs(value)) {
            try {
                matchers.add(fs.getPathMatcher("glob:" + glob));
            } catch (PatternSyntaxException e) {
                throw new InvalidGlobException(option, glob, e.getDescription());
            }
        }
        return List.copyOf(matchers);
    }

    boolean hasIncludes() {
        return !includes.isEmpty();
    }

    /** Whether an exclude glob matches the relative path; an excluded folder takes its content with it. */
    boolean excluded(Path relative) {
        return matches(excludes, relative);
    }

    /** Whether an include glob matches the relative path; an included folder brings all its content. */
    boolean included(Path relative) {
        return matches(includes, relative);
    }

    private static boolean matches(List<PathMatcher> matchers, Path relative) {
        for (PathMatcher m : matchers) {
            if (m.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    /** A glob of the include or exclude option that is not valid glob syntax. */
    static final class InvalidGlobException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidGlobException(String option, String glob, String reason) {
            super(option + " '" + glob + "': is not a valid glob (" + reason + "); write globs such as *.tmp, "
                    + "cache or **/*.log");
        }
    }
}
