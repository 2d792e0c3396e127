package org.seedbench.core.rules;

import static org.seedbench.core.model.DriveState.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.seedbench.core.model.DriveState;

/**
 * The drive state machine of the import service: Specified → Received (or NeverReceived, and Received when
 * it turns up late) → Transferring → Completed / CompletedMoreInfo → ShippedBack.
 */
public final class DriveStates {
    private static final Map<DriveState, Set<DriveState>> NEXT = new EnumMap<>(DriveState.class);

    static {
        NEXT.put(SPECIFIED, EnumSet.of(RECEIVED, NEVER_RECEIVED));
        NEXT.put(NEVER_RECEIVED, EnumSet.of(RECEIVED));
        NEXT.put(RECEIVED, EnumSet.of(TRANSFERRING));
        NEXT.put(TRANSFERRING, EnumSet.of(COMPLETED, COMPLETED_MORE_INFO));
        NEXT.put(COMPLETED, EnumSet.of(SHIPPED_BACK));
        NEXT.put(COMPLETED_MORE_INFO, EnumSet.of(SHIPPED_BACK));
        NEXT.put(SHIPPED_BACK, EnumSet.noneOf(DriveState.class));
    }

    private DriveStates() {
    }

    public static boolean canMove(DriveState from, DriveState to) {
        return NEXT.get(from).contains(to);
    }

    /** @throws IllegalTransitionException when {@code from} does not lead to {@code to} */
    public static void checkMove(String serial, DriveState from, DriveState to) {
        if (!canMove(from, to)) {
            throw new IllegalTransitionException("drive " + serial, from.label(), to.label(),
                    NEXT.get(from).stream().map(DriveState::label).collect(Collectors.joining(", ")));
        }
    }
}
