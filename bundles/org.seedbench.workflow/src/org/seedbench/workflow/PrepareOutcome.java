package org.seedbench.workflow;

import java.nio.file.Path;
import java.util.List;

import org.seedbench.core.model.JobState;

/**
 * What {@code prepare-drives} did: each drive's report, the job's state afterwards, the import job it created once
 * the drives were ready, and, when the drives were too few, how many more the seed needs and how large.
 *
 * @param state               the state the preparation left the job in: DrivesReady once every drive holds its
 *                            part (the import job created then moves it on to Creating)
 * @param drives              each drive the seed was copied onto
 * @param unusedDrives        serials of the drives given that the seed did not need
 * @param bytesCopied         bytes this run copied onto the drives
 * @param timing              where the copy spent its time
 * @param drivesNeeded        how many more drives the seed needs; 0 when every pack is placed
 * @param bytesNeededPerDrive how large each of them must at least be
 * @param packsUnplaced       packs no drive given had room for
 * @param notes               remarks for the admin (a USB adaptor, a virtual copy computer, a drive not needed…)
 * @param importJob           the import job, created (or found on a rerun) once the drives are ready; null before
 */
public record PrepareOutcome(JobState state, List<DriveCopy> drives, List<String> unusedDrives, long bytesCopied,
        Timing timing, int drivesNeeded, long bytesNeededPerDrive, int packsUnplaced, List<String> notes,
        ImportJobOutcome importJob) {

    public PrepareOutcome {
        drives = List.copyOf(drives);
        unusedDrives = List.copyOf(unusedDrives);
        notes = List.copyOf(notes);
    }

    /**
     * One drive's copy.
     *
     * @param blocksCopied  blocks this run wrote
     * @param blocksResumed blocks an earlier run had written (the journal said so)
     * @param complete      whether the drive holds all it was allocated, with its manifest
     * @param driveInfo     the drive's {@code <job>_DriveInfo_<serial>.xml} on this computer
     */
    public record DriveCopy(String serial, int files, long bytes, long blocksCopied, long blocksResumed,
            boolean complete, String manifestHash, Path driveInfo, long copyNanos) {
    }

    /** Nanoseconds the copy threads spent reading staging, computing MD5s, writing and syncing the drives. */
    public record Timing(long readNanos, long md5Nanos, long writeNanos, long syncNanos) {
    }

    /** Whether the drives given were too few for the seed. */
    public boolean needsMoreDrives() {
        return packsUnplaced > 0;
    }
}
