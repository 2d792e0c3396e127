package org.seedbench.diskprep;

/**
 * A file of the staged repository, as it lands on a drive.
 *
 * @param path     '/'-separated, relative to the repository folder, e.g. {@code packs/3f/3f9a…}
 * @param length   bytes
 * @param metadata config, keys, index or snapshots: small, written to every drive
 */
public record SeedFile(String path, long length, boolean metadata) {

    /** The file's place on a drive and in the import container: {@code <job>/<path>}. */
    public String drivePath(String jobName) {
        return jobName + "/" + path;
    }
}
