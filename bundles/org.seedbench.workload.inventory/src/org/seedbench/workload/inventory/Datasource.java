package org.seedbench.workload.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * One datasource of a protection group, as the inventory describes it.
 *
 * @param name          the datasource's name as the server shows it, e.g. {@code SQL01\db1} or {@code D:\}
 * @param type          what it is
 * @param computer      the protected computer, e.g. {@code SQL01.contoso.com}
 * @param sizeBytes     the size the server reports for it (its replica's used space)
 * @param replicaPath   the folder that holds its replica (or latest recovery point), as written in the
 *                      inventory: absolute, or relative to the inventory file's folder
 * @param recoveryPoint the time of the latest recovery point, or {@code null} when the inventory has none
 */
public record Datasource(String name, DatasourceType type, String computer, long sizeBytes, String replicaPath,
        Instant recoveryPoint) {

    public Datasource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(computer, "computer");
        Objects.requireNonNull(replicaPath, "replicaPath");
    }

    /** The name qualified with the computer, {@code COMPUTER\NAME}, which tells apart same-named datasources. */
    public String qualifiedName() {
        return computer + '\\' + name;
    }

    /**
     * The folder the datasource's items sit in, inside the workload: the computer, then the name with its
     * backslashes and slashes as underscores and without colons; {@code SQL01.contoso.com/SQL01_db1} for
     * {@code SQL01\db1}, {@code FS01.contoso.com/D} for {@code D:\}.
     */
    public String folder() {
        return segment(computer) + '/' + segment(name);
    }

    private static String segment(String part) {
        String s = part.replace(":", "").replace('/', '_').replace('\\', '_').strip();
        while (s.startsWith("_")) {
            s = s.substring(1);
        }
        while (s.endsWith("_")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
    }
}
