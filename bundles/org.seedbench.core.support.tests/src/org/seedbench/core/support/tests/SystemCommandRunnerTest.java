package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.spi.CommandRunner;

/** The command runner of this computer is a service: what bitlocker and drive discovery run commands through. */
@ExtendWith(ServiceExtension.class)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "runs sh")
class SystemCommandRunnerTest {

    @InjectService(timeout = 10_000)
    CommandRunner runner;

    @Test
    void itRunsACommandAndGivesWhatItPrintedAndHowItEnded() throws IOException {
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));
        assertEquals(new CommandRunner.Result(3, "out\n", "err\n"), r);
    }

    @Test
    void aCommandThatFillsItsErrorPipeBeforeItWritesItsOutputEnds() throws IOException {
        // 200 kB on stderr first: more than a pipe holds, so it ends only when both streams are read at once
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "head -c 200000 /dev/zero >&2; echo done"),
                Duration.ofSeconds(30));
        assertEquals(0, r.exitCode());
        assertEquals("done\n", r.stdout());
        assertEquals(200_000, r.stderr().length());
    }

    @Test
    void aCommandThatCannotStartIsAnIOException() {
        assertThrows(IOException.class,
                () -> runner.run(List.of("/nonexistent/seedbench-no-such-command"), Duration.ofSeconds(30)));
    }
}
