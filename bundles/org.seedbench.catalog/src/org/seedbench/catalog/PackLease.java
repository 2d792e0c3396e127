package org.seedbench.catalog;

import java.time.Instant;

/**
 * Where one pack of a job's staged seed stands among the copy computers that prepare the job's drives.
 *
 * @param pack        the pack's path in the staging repository, e.g. {@code packs/3f/3f…}
 * @param state       free, claimed (a computer copies it to one of its drives) or placed (on a finished drive)
 * @param computer    the copy computer that claimed or placed it; null when free
 * @param driveSerial the drive it is copied or placed to; null when free
 * @param expires     when a claim lapses unless renewed; null when free or placed
 * @since 1.5
 */
public record PackLease(String pack, State state, String computer, String driveSerial, Instant expires) {

    /** A pack's state. */
    public enum State {
        FREE, CLAIMED, PLACED;
    }

    /** Whether another computer may take the pack at {@code now}: free, or claimed and not renewed in time. */
    public boolean takeable(Instant now) {
        return state == State.FREE || state == State.CLAIMED && expires != null && expires.isBefore(now);
    }
}
