package org.seedbench.workflow;

import java.util.List;

/**
 * What re-reading a prepared drive found ({@code verify-drive}).
 *
 * @param problems each block or file that does not match the manifest; empty when the drive is clean
 */
public record DriveCheck(String serial, int blobs, long blocks, long bytes, List<String> problems) {

    public DriveCheck {
        problems = List.copyOf(problems);
    }

    /** Whether every block matches the manifest. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
