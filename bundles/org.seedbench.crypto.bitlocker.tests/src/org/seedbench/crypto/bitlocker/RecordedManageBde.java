package org.seedbench.crypto.bitlocker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.opentest4j.AssertionFailedError;
import org.seedbench.core.spi.CommandRunner;

/**
 * Plays back recorded manage-bde (and PowerShell) outputs: each command the encryptor runs must be the next one
 * recorded, and gets that recording's output and exit code. Nothing runs on this computer.
 */
final class RecordedManageBde implements CommandRunner {
    private record Step(List<String> command, String fixture, int exitCode) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<List<String>> ran = new ArrayList<>();

    /** The next command and what it printed ({@code null}: nothing), read from {@code fixtures/manage-bde}. */
    RecordedManageBde then(List<String> command, String fixture, int exitCode) {
        steps.add(new Step(command, fixture, exitCode));
        return this;
    }

    @Override
    public Result run(List<String> command, Duration timeout) {
        ran.add(List.copyOf(command));
        Step step = steps.poll();
        if (step == null) {
            throw new AssertionFailedError("ran one command more than recorded: " + masked(command));
        }
        assertEquals(masked(step.command()), masked(command), "the command run");
        assertTrue(step.command().equals(command), "the recovery password given to manage-bde is not the recorded one");
        String out = step.fixture() == null ? "" : Fixtures.manageBde(step.fixture());
        return new Result(step.exitCode(), out, "");
    }

    /** Every recorded command was run. */
    void assertAllRun() {
        assertEquals(List.of(), steps.stream().map(s -> masked(s.command())).toList(), "recorded but not run");
    }

    List<List<String>> ran() {
        return ran;
    }

    /** A command line fit for test output: recovery passwords shown as ******. */
    static String masked(List<String> command) {
        return String.join(" ", command).replaceAll("\\d{6}(-\\d{6}){7}", "******");
    }
}
