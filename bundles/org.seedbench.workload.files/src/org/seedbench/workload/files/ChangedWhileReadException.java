package org.seedbench.workload.files;

import java.io.IOException;

/**
 * Thrown by the stream of {@link FilesWorkloadSource#open} when the file's size or modification time at the
 * end of the read differ from those of the item that was opened: the bytes read are not a consistent copy.
 * Re-read the item's metadata with {@link FilesWorkloadSource#refresh} and read the file again.
 */
public class ChangedWhileReadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String itemPath;

    /**
     * @param itemPath the item's path inside the workload
     * @param file     the file on disk, as the user knows it
     * @param what     what changed, e.g. "it grew past 1024 bytes"
     */
    public ChangedWhileReadException(String itemPath, String file, String what) {
        super(file + " changed while it was read (" + what + "); read it again when it is no longer written to");
        this.itemPath = itemPath;
    }

    /** The item's path inside the workload, '/'-separated. */
    public String itemPath() {
        return itemPath;
    }
}
