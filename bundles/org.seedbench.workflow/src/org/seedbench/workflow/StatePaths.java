package org.seedbench.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.rules.DriveStates;
import org.seedbench.core.rules.JobStates;

/**
 * The single steps that lead from the state the catalog holds to the state the import service reports, so the
 * catalog walks through every intermediate state (the state machines allow single steps only) and records each.
 */
final class StatePaths {

    private StatePaths() {
    }

    /**
     * The steps from {@code from} to {@code to} through the service's states; empty when unreachable.
     *
     * @param withErrors whether the copy ended with errors: a path past the end of the copy (to Closed) goes
     *                   through CompletedWithErrors, else through Completed
     */
    static Optional<List<JobState>> job(JobState from, JobState to, boolean withErrors) {
        JobState avoid = withErrors ? JobState.COMPLETED : JobState.COMPLETED_WITH_ERRORS;
        return shortest(JobState.class, from, to, s -> JobStates.next(s).stream()
                .filter(n -> n.isServiceState() && (n != avoid || n == to)).toList());
    }

    /** The steps from {@code from} to {@code to} in the drive state machine; empty when unreachable. */
    static Optional<List<DriveState>> drive(DriveState from, DriveState to) {
        return shortest(DriveState.class, from, to, s -> java.util.Arrays.stream(DriveState.values())
                .filter(n -> DriveStates.canMove(s, n)).toList());
    }

    private static <S extends Enum<S>> Optional<List<S>> shortest(Class<S> type, S from, S to,
            Function<S, List<S>> next) {
        if (from == to) {
            return Optional.of(List.of());
        }
        Map<S, S> cameFrom = new EnumMap<>(type);
        Deque<S> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            S s = queue.removeFirst();
            for (S n : next.apply(s)) {
                if (n != from && !cameFrom.containsKey(n)) {
                    cameFrom.put(n, s);
                    if (n == to) {
                        return Optional.of(unwind(cameFrom, from, to));
                    }
                    queue.addLast(n);
                }
            }
        }
        return Optional.empty();
    }

    private static <S> List<S> unwind(Map<S, S> cameFrom, S from, S to) {
        List<S> steps = new ArrayList<>();
        for (S s = to; s != from; s = cameFrom.get(s)) {
            steps.add(s);
        }
        Collections.reverse(steps);
        return steps;
    }
}
