package org.seedbench.p2;

import java.util.List;

/**
 * How an install, update or removal ended: what happened, one line about it, what p2 could not verify, and the
 * features changed ({@code ID VERSION}, when known).
 */
public record Outcome(Result result, String message, Unverified unverified, List<String> changed) {

    /** What happened. */
    public enum Result {
        /** Installed, updated or removed: it takes effect after a restart. */
        DONE,
        /** There was nothing to do (no newer version on the site, the version installed already). */
        NOTHING_TO_DO,
        /** p2 cannot resolve it: the message names what is missing or conflicts. */
        UNRESOLVED,
        /** Content p2 could not verify was refused by the trust policy: nothing was changed. */
        DECLINED,
        /** The provisioning failed (download, disk); p2 leaves the profile as it was. */
        FAILED
    }

    Outcome withChanged(List<String> features) {
        return new Outcome(result, message, unverified, List.copyOf(features));
    }
}
