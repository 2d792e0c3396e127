package org.seedbench.backup;

import java.util.List;

/**
 * One problem {@link BackupEngine#verify} found.
 *
 * @param severity      {@link Severity#ERROR} for damage, {@link Severity#WARNING} for leftovers that are
 *                      harmless (a pack an interrupted backup finished but did not index yet)
 * @param pack          the pack file's name (its 64 hex digits) when the problem is in a pack, else
 *                      {@code null}
 * @param message       one line saying what is wrong
 * @param affectedFiles the files whose content the problem touches, with their snapshot
 */
public record VerifyProblem(Severity severity, String pack, String message, List<AffectedFile> affectedFiles) {

    public VerifyProblem {
        affectedFiles = List.copyOf(affectedFiles);
    }

    /** How bad a problem is. */
    public enum Severity {
        WARNING, ERROR
    }

    /** A file of a snapshot whose content a problem touches. */
    public record AffectedFile(String snapshotId, String path) {
    }

    /** The problem as lines: the message, then one line per affected file. */
    public String describe() {
        StringBuilder b = new StringBuilder(severity.name().toLowerCase(java.util.Locale.ROOT)).append(": ")
                .append(message);
        for (AffectedFile f : affectedFiles) {
            b.append("\n  affects ").append(f.path()).append(" (snapshot ")
                    .append(f.snapshotId(), 0, Math.min(8, f.snapshotId().length())).append(')');
        }
        return b.toString();
    }
}
