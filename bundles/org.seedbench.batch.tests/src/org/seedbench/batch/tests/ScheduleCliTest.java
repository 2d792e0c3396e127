package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.catalog.Catalog;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.workflow.AfterScheduledBackup;
import org.seedbench.workflow.JobLock;
import org.seedbench.workflow.ScheduleService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scheduled incrementals through the command line, on the embedded local cloud (its datacenter simulator imports
 * the seed): {@code schedule} refuses a job before its seed, stores and shows the schedule of a seeded one,
 * {@code run-due} runs what is due once (missed times included) with the backup {@code backup} makes, the second
 * {@code run-due} finds nothing; a job another run holds stays due; {@code schedule --install} writes the systemd
 * units and {@code --uninstall} removes them.
 */
@ExtendWith(ServiceExtension.class)
class ScheduleCliTest {
    static final String JOB = "sched-fs01";

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector cloud;

    @TempDir
    Path tmp;

    Path data;
    Path passFile;

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    private CliRun ok(String... args) {
        CliRun r = run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.out() + r.err());
        return r;
    }

    private String state() throws IOException {
        return new ObjectMapper().readTree(run("status", JOB, "--json").out()).path("state").asText();
    }

    /** Stages a small source, ships it on one folder drive through the simulated datacenter, seeds the vault. */
    private void seedAJob() throws IOException {
        data = tmp.resolve("data");
        Path source = Files.createDirectories(tmp.resolve("source"));
        passFile = Files.writeString(tmp.resolve("pass.txt"), "correct horse battery staple\n");
        byte[] bytes = new byte[300_000];
        Random random = new Random(16);
        for (int i = 0; i < 3; i++) {
            random.nextBytes(bytes);
            Files.write(source.resolve("file-" + i + ".bin"), bytes);
        }
        ok("init", "--name", JOB, "--staging", tmp.resolve("staging").toString(), "--storage-account",
                "contosobackup", "--container", "seed", "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                "--location", "westeurope", "--workload", "files:" + source);
        ok("stage", JOB, "--passphrase-file", passFile.toString());

        CliRun early = run("schedule", JOB, "--daily", "22:00");
        assertEquals(3, early.exitCode(), early.out() + early.err());
        assertEquals(List.of("seedbench schedule: job 'sched-fs01': is Staged; scheduled backups go into the vault "
                + "once it holds the seed (allowed: a Seeded job: seedbench seed-vault sched-fs01)"), early.errLines());

        ok("prepare-drives", JOB, "--yes-format", "--drive", "dir:" + tmp.resolve("drive") + ",capacity=50M,serial=SB-0001");
        ok(CliRun.withReturnOptions("ship", JOB, "--carrier", "FedEx", "--tracking", "774899172345"));
        LocalSession local = (LocalSession) cloud.signIn(ConnectorSettings.of(data));
        for (int day = 0; !state().equals("Completed"); day++) {
            if (day == 20) {
                fail("the import job did not complete in 20 days: " + state());
            }
            local.advanceClock(Duration.ofDays(1));
        }
        ok("seed-vault", JOB);
    }

    @Test
    void aScheduledBackupAppliesTheJobsRetentionPolicyAfterwards() throws Exception {
        seedAJob();
        List<String> before = snapshotIds();
        assertEquals(1, before.size(), "the seed's snapshot: " + before);
        Instant set = Instant.now();
        ok("schedule", JOB, "--every", "6h");
        ok("retention", JOB, "--keep-last", "1");

        CliRun due = ok("run-due", "--now", set.plus(Duration.ofDays(1)).toString(), "--passphrase-file",
                passFile.toString());

        String line = due.out().lines().filter(l -> l.startsWith(JOB + ": ")).findFirst().orElseThrow();
        String snapshot = line.substring(line.lastIndexOf(' ') + 1);
        assertEquals(List.of(snapshot.substring(0, 8)), snapshotIds(),
                "keep-last 1 forgot the seed's snapshot after the scheduled one was taken");
        ok("verify", JOB, "--from", "vault", "--read-data", "--passphrase-file", passFile.toString());
    }

    /** The short ids of the job's vault snapshots, oldest first. */
    private List<String> snapshotIds() {
        return ok("snapshots", JOB, "--from", "vault", "--passphrase-file", passFile.toString()).out().lines()
                .skip(1).map(l -> l.split(" +")[0]).toList();
    }

    @Test
    void aSeededJobIsBackedUpWhenDueOnceForMissedTimesAndTheSecondRunDueFindsNothing() throws Exception {
        seedAJob();
        CliRun none = ok("schedule", JOB);
        assertTrue(none.out().startsWith("Job sched-fs01: no scheduled backups"), none.out());

        Instant set = Instant.now();
        CliRun scheduled = ok("schedule", JOB, "--every", "6h");
        assertTrue(scheduled.out().contains("Job sched-fs01: backs up every 6h"), scheduled.out());
        assertTrue(scheduled.out().contains("Last run: none yet"), scheduled.out());

        CliRun notYet = ok("run-due", "--now", set.plus(Duration.ofHours(1)).toString());
        assertTrue(notYet.out().startsWith("Nothing due at "), notYet.out());

        List<String> called = new ArrayList<>();
        AfterScheduledBackup retention = (workspace, job, outcome, passphrase, progress) -> called.add(job + " "
                + outcome.result().snapshotIds().size());
        ServiceRegistration<AfterScheduledBackup> reg = FrameworkUtil.getBundle(getClass()).getBundleContext()
                .registerService(AfterScheduledBackup.class, retention, null);
        String threeDaysLater = set.plus(Duration.ofDays(3)).toString();
        CliRun due;
        try {
            due = run("run-due", "--now", threeDaysLater, "--passphrase-file", passFile.toString());
        } finally {
            reg.unregister();
        }
        assertEquals(0, due.exitCode(), due.out() + due.err());
        List<String> lines = due.out().lines().filter(l -> l.startsWith(JOB + ": ")).toList();
        assertEquals(1, lines.size(), "twelve missed times are one run: " + due.out());
        assertTrue(lines.get(0).matches("sched-fs01: done, snapshot [0-9a-f]{64}"), lines.get(0));
        String snapshot = lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1);
        assertEquals(List.of(JOB + " 1"), called, "the retention hook runs after the scheduled backup");

        CliRun again = ok("run-due", "--now", threeDaysLater, "--passphrase-file", passFile.toString());
        assertTrue(again.out().startsWith("Nothing due at "), again.out());

        CliRun shown = ok("schedule", JOB);
        assertTrue(shown.out().contains("Last run: ") && shown.out().contains("done, snapshot " + snapshot),
                shown.out());
        try (Catalog catalog = workspaces.open(data).catalog()) {
            Map<String, String> p = catalog.jobProperties(JOB);
            assertEquals("done", p.get(ScheduleService.PROP_LAST_OUTCOME));
            assertEquals(snapshot, p.get(ScheduleService.PROP_LAST_SNAPSHOTS));
            assertTrue(catalog.events(JOB).stream().anyMatch(e -> e.kind().equals(ScheduleService.EVENT_RUN)
                    && e.detail().contains(snapshot)), "the run is in the job's events");
        }
        CliRun snapshots = ok("snapshots", JOB, "--from", "vault", "--passphrase-file", passFile.toString());
        assertTrue(snapshots.out().contains(snapshot.substring(0, 8)), snapshots.out());

        // a job another run holds is skipped and stays due, then runs at the next run-due
        String later = set.plus(Duration.ofDays(4)).toString();
        Workspace workspace = workspaces.open(data);
        try (Catalog catalog = workspace.catalog();
                JobLock held = JobLock.acquire(workspace, catalog.job(JOB).orElseThrow(), "backup")) {
            CliRun skipped = ok("run-due", "--now", later, "--passphrase-file", passFile.toString());
            assertTrue(skipped.out().contains(JOB + ": skipped: is in use by PID"), skipped.out());
        }
        CliRun resumed = ok("run-due", "--now", later, "--passphrase-file", passFile.toString());
        assertTrue(resumed.out().lines().anyMatch(l -> l.matches("sched-fs01: done, snapshot [0-9a-f]{64}")),
                resumed.out());

        CliRun off = ok("schedule", JOB, "--off");
        assertTrue(off.out().startsWith("Job sched-fs01: no scheduled backups"), off.out());
        assertTrue(ok("run-due", "--now", set.plus(Duration.ofDays(30)).toString()).out().startsWith("Nothing due"));
    }

    @Test
    void aScheduleThatIsNoneIsRefusedWithOneLine() throws Exception {
        data = tmp.resolve("data");
        Path source = Files.createDirectories(tmp.resolve("source"));
        ok("init", "--name", JOB, "--staging", tmp.resolve("staging").toString(), "--storage-account",
                "contosobackup", "--container", "seed", "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                "--location", "westeurope", "--workload", "files:" + source);
        CliRun badTime = run("schedule", JOB, "--daily", "25:00");
        assertEquals(3, badTime.exitCode(), badTime.err());
        assertEquals(List.of("seedbench schedule: --daily '25:00': is not a time of day (allowed: HH:MM on a 24-hour "
                + "clock, e.g. 22:00)"), badTime.errLines());
        CliRun tooOften = run("schedule", JOB, "--every", "5m");
        assertEquals(3, tooOften.exitCode(), tooOften.err());
        assertTrue(tooOften.err().contains("is shorter than 15 minutes"), tooOften.err());
        CliRun two = run("schedule", JOB, "--every", "6h", "--off");
        assertEquals(2, two.exitCode(), two.err());
        CliRun badNow = run("run-due", "--now", "tomorrow");
        assertEquals(3, badNow.exitCode(), badNow.err());
        assertTrue(badNow.err().contains("--now 'tomorrow': is not an ISO-8601 time"), badNow.err());
    }

    @Test
    void installWritesTheTimerAndServiceThatRunRunDueAndUninstallRemovesThem() throws Exception {
        data = tmp.resolve("data");
        Path units = tmp.resolve("units");
        Path launcher = Files.writeString(Files.createDirectories(tmp.resolve("sb home/bin")).resolve("seedbench"),
                "#!/bin/sh\n");
        Path pass = Files.writeString(tmp.resolve("pass.txt"), "correct horse battery staple\n");

        CliRun dry = run("schedule", "--install", "--scheduler", "systemd", "--unit-dir", units.toString(),
                "--launcher", launcher.toString(), "--dry-run");
        assertTrue(dry.out().contains("Would write " + units.resolve("seedbench-run-due.timer")), dry.out());
        assertFalse(Files.exists(units), "a dry run writes nothing");

        CliRun install = run("schedule", "--install", "--scheduler", "systemd", "--unit-dir", units.toString(),
                "--launcher", launcher.toString(), "--passphrase-file", pass.toString());
        assertEquals(4, install.exitCode(), "a folder systemd does not read needs the admin to link it: "
                + install.out() + install.err());
        String service = Files.readString(units.resolve("seedbench-run-due.service"));
        assertTrue(service.contains("\nExecStart=\"" + launcher + "\" run-due --data " + data + " --passphrase-file "
                + pass + "\n"), service);
        assertTrue(service.contains("\nType=oneshot\n"), service);
        String timer = Files.readString(units.resolve("seedbench-run-due.timer"));
        assertTrue(timer.contains("\nOnCalendar=*:0/15\n") && timer.contains("\nPersistent=true\n")
                && timer.contains("\nWantedBy=timers.target\n"), timer);
        assertTrue(install.out().contains("Wrote " + units.resolve("seedbench-run-due.service")), install.out());
        assertTrue(install.out().contains("  systemctl --user enable --now seedbench-run-due.timer"), install.out());

        Path foreign = Files.writeString(units.resolve("other.timer"), "[Timer]\n");
        CliRun uninstall = ok("schedule", "--uninstall", "--scheduler", "systemd", "--unit-dir", units.toString());
        assertFalse(Files.exists(units.resolve("seedbench-run-due.service")), uninstall.out());
        assertFalse(Files.exists(units.resolve("seedbench-run-due.timer")), uninstall.out());
        assertTrue(Files.exists(foreign), "only what install wrote is removed");

        Files.writeString(units.resolve("seedbench-run-due.timer"), "[Timer]\nOnCalendar=daily\n");
        CliRun refused = run("schedule", "--install", "--scheduler", "systemd", "--unit-dir", units.toString(),
                "--launcher", launcher.toString());
        assertEquals(1, refused.exitCode(), refused.out() + refused.err());
        assertEquals("[Timer]\nOnCalendar=daily\n", Files.readString(units.resolve("seedbench-run-due.timer")),
                "a timer seedbench did not write is never overwritten");
    }

    @Test
    void onWindowsTheTaskSchedulerCommandIsPrinted() throws Exception {
        data = tmp.resolve("data");
        Path launcher = Files.writeString(tmp.resolve("seedbench.cmd"), "@echo off\n");
        CliRun install = ok("schedule", "--install", "--scheduler", "windows", "--launcher", launcher.toString(),
                "--dry-run");
        assertTrue(install.out().contains("Would run: schtasks /Create /TN \"Seedbench run-due\" /SC MINUTE /MO 15 "
                + "/TR \"" + launcher + " run-due --data " + data + "\" /F"), install.out());
        CliRun uninstall = ok("schedule", "--uninstall", "--scheduler", "windows", "--dry-run");
        assertTrue(uninstall.out().contains("Would run: schtasks /Delete /TN \"Seedbench run-due\" /F"),
                uninstall.out());
    }
}
