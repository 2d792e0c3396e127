package org.seedbench.core.spi;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs an operating-system command ({@code lsblk}, {@code manage-bde}, {@code systemd-detect-virt}…) and
 * returns what it printed. Plugins take a runner so that tests can replay recorded outputs of commands that
 * cannot run here. A command's output may hold secrets (manage-bde prints recovery passwords): callers never
 * log it. The runner of this computer is a service ({@code org.seedbench.core.support.commands.SystemCommandRunner}).
 */
@org.osgi.annotation.versioning.ConsumerType
@FunctionalInterface
public interface CommandRunner {

    /** What a command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "Result[exit " + exitCode + ", " + stdout.length() + " chars out, " + stderr.length()
                    + " chars err]";
        }
    }

    /**
     * Runs {@code command} and waits up to {@code timeout}.
     *
     * @throws IOException when the command cannot start or does not end in time (it is then killed)
     */
    Result run(List<String> command, Duration timeout) throws IOException;
}
