package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code run-plan} on the plan service: each step shown as the command a user would type and printed as its verb
 * prints it, a step that lacks a value failing as its verb does (exit 2), and a second run skipping the steps
 * already done. One job of the local cloud through init, stage and prepare-drives onto a folder drive, then ship
 * without shipping details.
 */
@ExtendWith(ServiceExtension.class)
class RunPlanCliTest {

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    @Test
    void aPlanPrintsEachStepAsItsVerbAndGoesOnWhereItStopped() throws Exception {
        Path data = tmp.resolve("data");
        Path source = Files.createDirectories(tmp.resolve("source"));
        byte[] bytes = new byte[100_000];
        new Random(7).nextBytes(bytes);
        Files.write(source.resolve("a.bin"), bytes);
        Path pass = Files.writeString(tmp.resolve("pass"), "correct horse battery staple\n");
        String drive = "dir:" + tmp.resolve("drives/SB-R001") + ",capacity=50M,serial=SB-R001";
        Path plan = Files.writeString(tmp.resolve("plan.json"), """
                {"seedbenchPlan": 1,
                 "jobs": [{"name": "plan-cli1", "staging": "%s", "storageAccount": "contosobackup",
                   "container": "seed", "subscription": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                   "location": "westeurope", "workloads": ["files:%s"], "passphraseFile": "%s",
                   "drives": ["%s"], "steps": ["init", "stage", "prepare-drives", "ship"],
                   "shipping": {"returnCity": "Dublin", "returnCarrier": "FedEx"}}]}
                """.formatted(tmp.resolve("staging"), source, pass, drive));

        CliRun first = CliRun.run(cli, data, "run-plan", plan.toString());

        assertEquals(2, first.exitCode(), first.out() + first.err());
        List<String> out = first.out().lines().toList();
        assertTrue(out.contains("==> [plan-cli1] seedbench init --name plan-cli1 --staging " + tmp.resolve("staging")
                + " --storage-account contosobackup --container seed --subscription "
                + "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 --location westeurope --workload files:" + source), first.out());
        assertTrue(out.contains("==> [plan-cli1] seedbench stage plan-cli1 --passphrase-file " + pass), first.out());
        assertTrue(out.contains("==> [plan-cli1] seedbench prepare-drives plan-cli1 --yes-format --drive " + drive),
                first.out());
        assertTrue(out.contains("==> [plan-cli1] seedbench ship plan-cli1 --return-city Dublin --return-carrier FedEx"),
                first.out());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("Created job plan-cli1 (Draft)")), first.out());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("Staged plan-cli1: ")), first.out());
        assertTrue(out.contains("Next: seedbench prepare-drives plan-cli1 --drive …"), first.out());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("Drive SB-R001 ")), first.out());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("Import job plan-cli1 created at the import service")),
                first.out());
        assertTrue(out.stream().anyMatch(l -> l.matches("  plan-cli1 +Creating +2 +ran init, stage, prepare-drives, "
                + "ship; stopped at ship")), first.out());
        assertTrue(out.contains("0 of 1 jobs done; exit 2"), first.out());
        assertEquals(List.of("seedbench: no catalog at " + data + "; creating one", "seedbench ship: missing --carrier"),
                first.errLines().subList(0, 2), first.err());
        assertTrue(first.errLines().get(2).startsWith("usage: seedbench ship [-h] [--carrier=NAME]"),
                "the step's usage line, as its verb says it: " + first.err());

        JsonNode returns = new ObjectMapper().readTree(CliRun.run(cli, data, "return-address", "plan-cli1", "--json")
                .out());
        assertEquals("Dublin", returns.path("returnAddressFields").path("city").asText(),
                "the plan's return details went with the job before its import job was created");
        assertEquals("FedEx", returns.path("returnCarrier").asText());

        CliRun again = CliRun.run(cli, data, "run-plan", plan.toString(), "--json");

        assertEquals(2, again.exitCode(), again.err());
        JsonNode job = new ObjectMapper().readTree(again.out()).path("jobs").get(0);
        assertEquals("[\"ship\"]", job.path("ran").toString(), "only the step not done runs again");
        assertEquals("[\"init\",\"stage\",\"prepare-drives\"]", job.path("skipped").toString());
        assertEquals("ship", job.path("stoppedAt").asText());
        assertEquals("Creating", job.path("state").asText());
        assertTrue(again.err().contains("==> [plan-cli1] seedbench ship plan-cli1"), "steps go to stderr with --json");
    }

    @Test
    void aPlanWithTheOldFreeTextReturnAddressIsRefusedBeforeAnythingRuns() throws Exception {
        Path plan = Files.writeString(tmp.resolve("old-plan.json"), """
                {"seedbenchPlan": 1,
                 "defaults": {"shipping": {"carrier": "FedEx", "returnAddress": "Contoso, 1 Main St, Springfield"}},
                 "jobs": [{"name": "plan-old"}]}
                """);

        CliRun refused = CliRun.run(cli, tmp.resolve("data"), "run-plan", plan.toString());

        assertEquals(3, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.errLines().get(0).contains("shipping.returnAddress: is free text, which the import services "
                + "do not take; give the address's fields instead (allowed: returnRecipient, returnStreet1"),
                refused.err());
    }
}
