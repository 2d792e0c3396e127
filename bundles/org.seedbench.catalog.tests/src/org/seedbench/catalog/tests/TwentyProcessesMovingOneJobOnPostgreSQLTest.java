package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.EventChainCheck;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;

/**
 * Twenty admins' processes (real JVMs, {@link CatalogMover}) move one job on the real PostgreSQL server at once, each
 * from the state they all saw: exactly one move wins, the nineteen others change nothing and print the one-line
 * conflict naming the winner, and the job's event log stays a gapless chain.
 */
class TwentyProcessesMovingOneJobOnPostgreSQLTest extends CatalogTestBase implements CatalogTestBase.OnPostgreSQL {
    private static final int PROCESSES = 20;
    /** Where Staged leads, but to itself: any one of them may win. */
    private static final JobState[] TARGETS = {JobState.STAGING, JobState.PREPARING_DRIVES, JobState.CANCELLED,
        JobState.DRAFT};

    @TempDir
    Path data;

    @Test
    void exactlyOneOfTwentyProcessesMovesTheJobAndTheOthersGetTheOneLineConflict() throws Exception {
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-race"));
            catalog.moveJob("seed-race", JobState.STAGING, null);
            catalog.moveJob("seed-race", JobState.STAGED, null);
        }
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                processes.add(start(i));
            }
            List<BufferedReader> outputs = new ArrayList<>();
            for (Process p : processes) {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals(CatalogMover.READY, out.readLine(), "each process opened the catalog first");
                outputs.add(out);
            }
            for (Process p : processes) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write('\n');
                }
            }
            List<String> lines = new ArrayList<>();
            List<Integer> exits = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                Process p = processes.get(i);
                lines.add(outputs.get(i).readLine());
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "process " + i + " ends");
                exits.add(p.exitValue());
            }

            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                if ("moved".equals(lines.get(i))) {
                    winners.add(i);
                }
            }
            assertEquals(1, winners.size(), "exactly one move wins: " + lines);
            int winner = winners.get(0);
            assertEquals(0, exits.get(winner));
            JobState won = TARGETS[winner % TARGETS.length];
            try (Catalog catalog = open(data)) {
                assertEquals(won, catalog.job("seed-race").orElseThrow().state());
                List<JobEvent> events = catalog.events("seed-race");
                assertEquals(4, events.size(), "created, two moves before, and the one that won");
                JobEvent last = events.get(3);
                assertEquals("Staged → " + won.label() + ": admin-" + winner, last.detail());
                String conflict = "conflict: job seed-race changed to " + won.label() + " by " + last.actor() + " at "
                        + last.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ": refresh and try again";
                for (int i = 0; i < PROCESSES; i++) {
                    if (i != winner) {
                        assertEquals(conflict, lines.get(i), "process " + i);
                        assertEquals(5, exits.get(i), "process " + i + "'s exit code");
                    }
                }
                EventChainCheck check = catalog.verifyEvents("seed-race");
                assertTrue(check.intact(), "the chain verifies, places 1.." + events.size() + " without a gap: "
                        + check);
                assertEquals(events.size(), check.events());
            }
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
            }
        }
    }

    private Process start(int i) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        String pgpass = System.getProperty("org.postgresql.pgpassfile");
        if (pgpass != null) {
            command.add("-Dorg.postgresql.pgpassfile=" + pgpass);
        }
        command.addAll(List.of("-cp", classPath(), CatalogMover.class.getName(), backend.url(), data.toString(),
                "seed-race", JobState.STAGED.name(), TARGETS[i % TARGETS.length].name(), "admin-" + i));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The class path of a mover: this bundle, the catalog, the model, the drivers, wherever they are. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(CatalogMover.class, H2CatalogService.class, JobState.class,
                org.seedbench.core.support.files.DurableFiles.class, org.h2.Driver.class, org.postgresql.Driver.class,
                org.osgi.service.event.EventAdmin.class)) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            assertNotNull(source, type.getName() + " has no code source to start a mover process with");
            entries.add(path(source.getLocation()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path path(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            return Path.of(url.getPath());
        }
    }
}
