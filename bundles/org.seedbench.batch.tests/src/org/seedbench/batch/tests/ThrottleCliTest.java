package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.core.support.bandwidth.Rate;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code seedbench throttle JOB}: the job's work-hours upload limit is set, shown, kept and removed, and a limit
 * for one run ({@code --limit-upload}) wins over it; bad rates, hours and days are one line each.
 */
@ExtendWith(ServiceExtension.class)
class ThrottleCliTest {
    static final String JOB = "seed-fs01";

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    VaultService vault;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    Path data;

    @BeforeEach
    void init() throws IOException {
        data = tmp.resolve("data");
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "a file to seed\n");
        CliRun init = run("init", "--name", JOB, "--staging", tmp.resolve("staging").toString(), "--storage-account",
                "contosobackup", "--container", "seed", "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                "--location", "westeurope", "--workload", "files:" + source);
        assertEquals(0, init.exitCode(), init.err());
    }

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    @Test
    void aJobHasNoThrottleUntilOneIsSetAndItIsKeptShownAndRemoved() throws Exception {
        CliRun none = run("throttle", JOB);
        assertEquals(0, none.exitCode(), none.err());
        assertTrue(none.out().startsWith(JOB + " has no upload throttle: uploads go at full speed"), none.out());

        CliRun set = run("throttle", JOB, "--work-hours", "08:00-18:00", "--work-days", "mon-fri", "--work", "2MB/s",
                "--off-hours", "100Mbit");
        assertEquals(0, set.exitCode(), set.out() + set.err());
        assertTrue(set.out().contains("Work hours: 08:00-18:00 on mon-fri, limit 2.0 MB/s (16.0 Mbit/s)"), set.out());
        assertTrue(set.out().contains("Other times: limit 12.5 MB/s (100.0 Mbit/s)"), set.out());

        CliRun changed = run("throttle", JOB, "--work-days", "mon-sat");
        assertEquals(0, changed.exitCode(), changed.out() + changed.err());
        JsonNode shown = new ObjectMapper().readTree(run("throttle", JOB, "--json").out());
        assertEquals("08:00-18:00", shown.path("workHours").asText(), shown.toString());
        assertEquals("mon-sat", shown.path("workDays").asText(), "what is not given stays");
        assertEquals(2_000_000, shown.path("work").asLong());
        assertEquals(12_500_000, shown.path("offHours").asLong());
        assertTrue(shown.path("now").asText().endsWith(" hours"), shown.toString());

        Bandwidth.Limit limit = vault.uploadLimit(workspaces.open(data), JOB, null).limit();
        assertTrue(limit.rate().equals(new Rate(2_000_000)) || limit.rate().equals(new Rate(12_500_000)),
                limit.toString());
        JsonNode status = new ObjectMapper().readTree(run("status", JOB, "--json").out()).path("events");
        assertTrue(status.toString().contains("upload throttle: 2.0 MB/s"), status.toString());

        CliRun off = run("throttle", JOB, "--off");
        assertEquals(0, off.exitCode(), off.out() + off.err());
        assertTrue(run("throttle", JOB).out().startsWith(JOB + " has no upload throttle"));
        assertFalse(vault.uploadLimit(workspaces.open(data), JOB, null).limits());
    }

    @Test
    void aLimitForOneRunWinsOverTheJobsThrottle() throws Exception {
        assertEquals(0, run("throttle", JOB, "--work", "1MB/s", "--off-hours", "1MB/s").exitCode());
        Bandwidth run = vault.uploadLimit(workspaces.open(data), JOB, new Rate(8_000_000));
        assertEquals(new Rate(8_000_000), run.limit().rate());
        assertEquals("set for this run", run.limit().source());
        Bandwidth unlimited = vault.uploadLimit(workspaces.open(data), JOB, Rate.UNLIMITED);
        assertFalse(unlimited.limits());
        assertEquals(new Rate(1_000_000), vault.uploadLimit(workspaces.open(data), JOB, null).limit().rate());
    }

    @Test
    void badRatesHoursAndDaysAreOneLineEachAndChangeNothing() {
        CliRun rate = run("throttle", JOB, "--work", "20Mb");
        assertEquals(3, rate.exitCode(), rate.err());
        assertEquals(1, rate.errLines().size(), rate.err());
        assertTrue(rate.err().startsWith("seedbench throttle: --work '20Mb': has no unit this reads"), rate.err());
        CliRun hours = run("throttle", JOB, "--work", "2MB/s", "--work-hours", "8-18");
        assertEquals(3, hours.exitCode(), hours.err());
        assertTrue(hours.err().startsWith("seedbench throttle: --work-hours '8-18': is not a span of hours"),
                hours.err());
        CliRun days = run("throttle", JOB, "--work", "2MB/s", "--work-days", "weekdays");
        assertEquals(3, days.exitCode(), days.err());
        assertTrue(days.err().startsWith("seedbench throttle: --work-days 'weekdays': 'weekdays' is not a day"),
                days.err());
        CliRun nothing = run("throttle", JOB, "--work-days", "mon-fri");
        assertEquals(3, nothing.exitCode(), nothing.err());
        assertTrue(nothing.err().contains("limit nothing"), nothing.err());
        CliRun both = run("throttle", JOB, "--off", "--work", "2MB/s");
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().startsWith("seedbench throttle: --off removes the throttle"), both.err());
        assertTrue(run("throttle", JOB).out().startsWith(JOB + " has no upload throttle"), "nothing was set");

        CliRun backup = run("backup", JOB, "--limit-upload", "fast");
        assertEquals(3, backup.exitCode(), backup.err());
        assertEquals(1, backup.errLines().size(), backup.err());
        assertTrue(backup.err().startsWith("seedbench backup: --limit-upload 'fast': is not a rate (allowed: "),
                backup.err());
        CliRun seed = run("seed-vault", JOB, "--limit-upload", "0MB/s");
        assertEquals(3, seed.exitCode(), seed.err());
        assertTrue(seed.err().startsWith("seedbench seed-vault: --limit-upload '0MB/s': is below 1KB/s"), seed.err());
    }
}
