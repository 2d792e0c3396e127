package org.seedbench.diskprep;

import java.util.regex.Pattern;

/**
 * A file of the staged repository, as it lands on a drive.
 *
 * @param path     '/'-separated, relative to the repository folder, e.g. {@code packs/3f/3f9a…}
 * @param length   bytes
 * @param metadata config, keys, index, snapshots or tree packs: small, written to every drive
 */
public record SeedFile(String path, long length, boolean metadata) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The file's place on a drive and in the import container: {@code <job>/<path>}. */
    public String drivePath(String jobName) {
        return jobName + "/" + path;
    }

    /**
     * The SHA-256 the file's bytes must have, in hex, for the objects named by it (packs, index and snapshot
     * files); {@code null} for the others (config, keys).
     */
    public String expectedSha256() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return SHA256.matcher(name).matches() ? name : null;
    }
}
