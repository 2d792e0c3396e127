package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The CLI as the headless product runs it: the real DS services, the real H2 catalog in a temp folder. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class InitAndStatusTest {
    static final String[] VALID = { "--name", "seed-fs01", "--staging", "/tmp/stage", "--storage-account",
            "contosobackup", "--container", "seed", "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "--location", "westeurope" };

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path data;

    static String[] replace(String option, String value) {
        List<String> args = new ArrayList<>(List.of("init"));
        for (int i = 0; i < VALID.length; i += 2) {
            if (VALID[i].equals(option)) {
                if (value != null) {
                    args.add(option);
                    args.add(value);
                }
            } else {
                args.add(VALID[i]);
                args.add(VALID[i + 1]);
            }
        }
        return args.toArray(String[]::new);
    }

    static String[] init() {
        return replace("--none", null);
    }

    @Test
    void initCreatesADraftJobThatJobsAndStatusShow() throws IOException {
        CliRun init = CliRun.run(cli, data, init());
        assertEquals(0, init.exitCode(), init.err());
        CliRun jobs = CliRun.run(cli, data, "jobs");
        assertTrue(jobs.out().lines().anyMatch(l -> l.matches("seed-fs01 +Draft .*")), jobs.out());
        CliRun status = CliRun.run(cli, data, "status", "seed-fs01", "--json");
        assertEquals(0, status.exitCode(), status.err());
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertEquals("seed-fs01", json.get("name").asText());
        assertEquals("Draft", json.get("state").asText());
        assertEquals("/tmp/stage", json.get("stagingLocation").asText());
        assertEquals("contosobackup", json.get("storageAccount").asText());
        assertEquals("seed", json.get("container").asText());
        assertEquals("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", json.get("subscriptionId").asText());
        assertEquals("westeurope", json.get("location").asText());
        assertEquals("job.created", json.get("events").get(0).get("kind").asText());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(replace("--storage-account", "Contoso_Backup"), "storage account 'Contoso_Backup'"),
                Arguments.of(replace("--container", "-seed"), "container '-seed': starts with a hyphen"),
                Arguments.of(replace("--container", "se--ed"), "container 'se--ed': has two hyphens in a row"),
                Arguments.of(replace("--subscription", "not-a-guid"), "subscription id 'not-a-guid': is not a GUID"),
                Arguments.of(replace("--name", "1x"), "import job name '1x'"),
                Arguments.of(replace("--staging", null), "staging location: is missing"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsThreeWithOneLineNamingTheFieldAndChangesNothing(String[] args, String expected) {
        assertEquals(0, CliRun.run(cli, data, replace("--name", "seed-ok")).exitCode());
        String before = CliRun.run(cli, data, "jobs", "--json").out();
        CliRun run = CliRun.run(cli, data, args);
        assertEquals(3, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(before, CliRun.run(cli, data, "jobs", "--json").out());
    }

    @Test
    void aSecondJobWithTheSameNameIsRefused() {
        assertEquals(0, CliRun.run(cli, data, init()).exitCode());
        String before = CliRun.run(cli, data, "jobs", "--json").out();
        CliRun again = CliRun.run(cli, data, init());
        assertEquals(3, again.exitCode());
        assertEquals(List.of("seedbench init: import job name 'seed-fs01': already exists (allowed: a name no other job has)"),
                again.errLines());
        assertEquals(before, CliRun.run(cli, data, "jobs", "--json").out());
    }

    @Test
    void usageMistakesExitTwo() {
        CliRun unknown = CliRun.run(cli, data, "frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("usage: seedbench"), unknown.err());
        assertEquals(2, CliRun.run(cli, data, "status").exitCode());
        assertEquals(2, CliRun.run(cli, data, "jobs", "--frob").exitCode());
        assertEquals(0, CliRun.run(cli, data, "init", "--help").exitCode());
    }

    @Test
    void aMissingJobIsInvalidInput() {
        assertEquals(0, CliRun.run(cli, data, init()).exitCode(), "a catalog without that job");
        CliRun run = CliRun.run(cli, data, "status", "nope-job");
        assertEquals(3, run.exitCode());
        assertEquals(List.of("seedbench status: job 'nope-job': does not exist (allowed: a job listed by seedbench jobs)"),
                run.errLines());
    }

    @Test
    void aPartnerWorkloadSourceRegisteredAsAServiceIsUsableWithNoOtherChange(@InjectBundleContext BundleContext ctx)
            throws Exception {
        CliRun before = CliRun.run(cli, data, replace("--name", "seed-partner1").clone());
        assertEquals(0, before.exitCode());
        List<String> args = new ArrayList<>(List.of(replace("--name", "seed-partner2")));
        args.add("--workload");
        args.add("partnerdb:orders");
        CliRun unknown = CliRun.run(cli, data, args.toArray(String[]::new));
        assertEquals(3, unknown.exitCode());
        assertTrue(unknown.err().contains("no workload source 'partnerdb' is installed"), unknown.err());

        Dictionary<String, Object> props = new Hashtable<>();
        ServiceRegistration<WorkloadSource> reg = ctx.registerService(WorkloadSource.class, new PartnerSource(), props);
        try {
            CliRun known = CliRun.run(cli, data, args.toArray(String[]::new));
            assertEquals(0, known.exitCode(), known.err());
            CliRun status = CliRun.run(cli, data, "status", "seed-partner2", "--json");
            assertEquals("partnerdb:orders",
                    new ObjectMapper().readTree(status.out()).get("workloads").get(0).asText());
        } finally {
            reg.unregister();
        }
    }

    /** A partner's workload source, as a partner bundle would register it. */
    static final class PartnerSource implements WorkloadSource {
        @Override
        public String id() {
            return "partnerdb";
        }

        @Override
        public String label() {
            return "Partner database";
        }

        @Override
        public WorkloadKind kind() {
            return WorkloadKind.PARTNER;
        }

        @Override
        public List<Problem> validate(WorkloadSpec spec) {
            return List.of();
        }

        @Override
        public long estimateSize(WorkloadSpec spec, Progress progress) {
            return 0;
        }

        @Override
        public void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings,
                Progress progress) {
            // the CLI test only creates a job; nothing is read
        }

        @Override
        public InputStream open(WorkloadSpec spec, WorkloadItem item) throws IOException {
            throw new IOException("no items");
        }
    }
}
