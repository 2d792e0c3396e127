package org.seedbench.backup;

import java.util.List;

/**
 * What {@link BackupEngine#verify} found.
 *
 * @param problems       every problem, errors and warnings
 * @param packs          packs checked
 * @param blobsRead      blobs read, decrypted, authenticated and hashed again (0 without read-data)
 * @param snapshots      snapshots checked
 * @param dataRead       whether every blob was read
 */
public record VerifyReport(List<VerifyProblem> problems, int packs, long blobsRead, int snapshots,
        boolean dataRead) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** Whether nothing at all was found, not even a warning. */
    public boolean isClean() {
        return problems.isEmpty();
    }

    /** Whether damage was found. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == VerifyProblem.Severity.ERROR);
    }

    /** The problems of one severity. */
    public List<VerifyProblem> problems(VerifyProblem.Severity severity) {
        return problems.stream().filter(p -> p.severity() == severity).toList();
    }
}
