package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bad input that {@code init} and {@code run-plan} used to take: a staging location that is a share not mounted
 * here (Linux took {@code //server/share/stage} for a local folder), inside a source or not writable; a job name
 * holding a newline; a plan with an unknown or repeated key, or text where a number belongs. Each is exit 3, one
 * line on stderr naming what to fix, and nothing written: no job, no folder.
 */
@ExtendWith(ServiceExtension.class)
class InputRefusalCliTest {

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    Path data;
    Path source;

    @BeforeEach
    void folders() throws IOException {
        data = tmp.resolve("data");
        source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "hello");
    }

    private String[] init(String name, String staging) {
        return new String[] { "init", "--name", name, "--staging", staging, "--storage-account", "contosobackup",
            "--container", "seed", "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location",
            "westeurope", "--workload", "files:" + source };
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.startsWith(data)).map(Path::toString).sorted().toList();
        }
    }

    /** Runs the command line and checks the refusal: exit 3, one line holding {@code expected}, nothing written. */
    private CliRun refused(String expected, String... args) throws IOException {
        assertEquals(0, CliRun.run(cli, data, init("seed-ok", tmp.resolve("stage").toString())).exitCode());
        String jobs = CliRun.run(cli, data, "jobs", "--json").out();
        List<String> files = listing();
        CliRun run = CliRun.run(cli, data, args);
        assertEquals(3, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(jobs, CliRun.run(cli, data, "jobs", "--json").out(), "no job was created or changed");
        assertEquals(files, listing(), "no file was written");
        return run;
    }

    @Test
    void aShareWrittenWithForwardSlashesThatIsNotMountedIsRefusedWithHowToMountIt() throws IOException {
        Path local = Path.of("/seedbench-no-such-server");
        CliRun run = refused("staging location '//seedbench-no-such-server/share/stage': names a network share that "
                + "is not mounted on this computer (allowed: the share mounted first (e.g. mount -t cifs "
                + "//seedbench-no-such-server/share /mnt/share)", init("seed-unc", "//seedbench-no-such-server/share/stage"));
        assertFalse(Files.exists(local), "the share did not become a local folder: " + run.err());
    }

    @Test
    void aStagingLocationInsideASourceIsRefusedAtInit() throws IOException {
        refused("lies inside the source folder '" + source + "'",
                init("seed-inside", source.resolve("stage").toString()));
    }

    @Test
    void aStagingLocationUnderAFileIsRefusedAtInit() throws IOException {
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        refused("'" + file + "' on its path is a file, not a folder", init("seed-file", file.resolve("stage").toString()));
    }

    @Test
    void aJobNameWithANewlineIsRefusedInOneLine() throws IOException {
        CliRun run = refused("import job name 'seed\\nfs01': holds a control character",
                init("seed\nfs01", tmp.resolve("stage").toString()));
        assertFalse(run.err().contains("seed\nfs01"), "the newline is not printed raw");
    }

    @Test
    void aFileUriLocationIsKeptAsTheFolderItNames() throws Exception {
        Path stage = tmp.resolve("stage uri");
        CliRun init = CliRun.run(cli, data, init("seed-uri", stage.toUri().toString()));
        assertEquals(0, init.exitCode(), init.err());
        CliRun status = CliRun.run(cli, data, "status", "seed-uri", "--json");
        assertEquals(stage.toString(), new ObjectMapper().readTree(status.out()).get("stagingLocation").asText());
    }

    static Stream<Arguments> badPlans() {
        String job = "{\"name\": \"seed-plan\", \"staging\": \"STAGE\", \"storageAccount\": \"contosobackup\", "
                + "\"container\": \"seed\", \"subscription\": \"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\", "
                + "\"location\": \"westeurope\", \"workloads\": [\"files:SOURCE\"], \"steps\": [\"init\"]";
        return Stream.of(
                Arguments.of("{\"seedbenchPlan\": 1, \"jobz\": [], \"jobs\": [" + job + "}]}",
                        "plan jobz: is not a member of a plan (allowed: defaults, jobs, seedbenchPlan)"),
                Arguments.of("{\"seedbenchPlan\": 1, \"jobs\": [" + job + ", \"name\": \"seed-other\"}]}",
                        "has the key 'name' twice in one object (line 1)"),
                Arguments.of("{\"seedbenchPlan\": 1, \"jobs\": [" + job + ", \"waitMinutes\": \"ten\"}]}",
                        "plan jobs[0].waitMinutes 'ten': is not a number of minutes (allowed: a number greater than 0"),
                Arguments.of("{\"seedbenchPlan\": 1, \"defaults\": {\"waitMinutes\": -5}, \"jobs\": [" + job + "}]}",
                        "plan jobs[0].waitMinutes '-5': is not a number of minutes"),
                Arguments.of("{\"seedbenchPlan\": 1, \"jobs\": [" + job + ", \"rehearsalDaysPerSecond\": \"fast\"}]}",
                        "plan jobs[0].rehearsalDaysPerSecond 'fast': is not a number of days per second"),
                Arguments.of("{\"seedbenchPlan\": 1, \"jobs\": [" + job.replace("\"seed-plan\"", "\"seed\\nplan\"")
                        + "}]}", "plan jobs[0].name 'seed\\nplan': holds a control character"));
    }

    @ParameterizedTest
    @MethodSource("badPlans")
    void aBadPlanIsRefusedBeforeAnythingRuns(String plan, String expected) throws IOException {
        Path file = Files.writeString(tmp.resolve("plan.json"), plan.replace("STAGE", tmp.resolve("plan-stage")
                .toString()).replace("SOURCE", source.toString()));
        refused(expected, "run-plan", file.toString());
        List<String> args = new ArrayList<>(List.of("status", "seed-plan"));
        assertEquals(3, CliRun.run(cli, data, args.toArray(String[]::new)).exitCode(), "the plan's job was not created");
    }
}
