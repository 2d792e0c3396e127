package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.testsupport.SimulatedUnknownStates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The import job through the command line: prepare-drives creates it and prints the shipping address, ship gives
 * the shipping details, status follows the datacenter copy. Real catalog, files plugin, backup engine, portable
 * encryptor, folder drives and the embedded local cloud with its datacenter simulator on a compressed clock.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ImportJobCliTest {
    static final String PASSPHRASE = "correct horse battery staple";
    static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @InjectService(timeout = 10_000, filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)")
    CloudConnector local;

    @InjectBundleContext
    BundleContext context;

    @TempDir
    Path tmp;

    Path data;
    Path passFile;

    @BeforeEach
    void dataDirectory() throws IOException {
        data = tmp.resolve("data");
        passFile = tmp.resolve("pass.txt");
        Files.writeString(passFile, PASSPHRASE + "\n");
    }

    /** The local connector's settings file, as an admin edits it. */
    private Path localSettings() throws IOException {
        return Files.createDirectories(data.resolve("connectors")).resolve("local.properties");
    }

    /** init's options that make the job a rehearsal whose clock runs two days a second. */
    private static final String[] REHEARSAL = { "--rehearsal", "--days-per-second", "2" };

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    /** A staged job with a little generated data, its drives prepared onto one folder drive. */
    private CliRun preparedJob(String job, String serial, String... initOptions) throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source-" + job));
        Random random = new Random(job.hashCode());
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < 3; i++) {
            random.nextBytes(bytes);
            Files.write(source.resolve("file-" + i + ".bin"), bytes);
        }
        List<String> args = new ArrayList<>(List.of("init", "--name", job, "--staging", tmp.resolve("staging")
                .toString(), "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                SUBSCRIPTION, "--location", "westeurope", "--workload", "files:" + source));
        args.addAll(List.of(initOptions));
        CliRun init = run(args.toArray(String[]::new));
        assertEquals(0, init.exitCode(), init.err());
        CliRun stage = run("stage", job, "--passphrase-file", passFile.toString());
        assertEquals(0, stage.exitCode(), stage.err());
        return run("prepare-drives", job, "--yes-format", "--drive", "dir:" + tmp.resolve("drives/" + serial)
                + ",capacity=50M,serial=" + serial);
    }

    private JsonNode json(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        CliRun r = run(all.toArray(String[]::new));
        assertTrue(r.exitCode() == 0 || r.exitCode() == 4, r.err());
        return JSON.readTree(r.out());
    }

    private String state(String job) throws IOException {
        return json("status", job).path("state").asText();
    }

    private CliRun ship(String job, String tracking, String... more) {
        List<String> args = new ArrayList<>(List.of("ship", job, "--carrier", "FedEx", "--tracking", tracking));
        args.addAll(CliRun.RETURN_OPTIONS);
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** {@code jobs --json} without the days left, which move with the service's clock. */
    private JsonNode jobsWithoutDeadlines() throws IOException {
        JsonNode jobs = json("jobs");
        jobs.forEach(j -> ((ObjectNode) j).remove("shippingDeadline"));
        return jobs;
    }

    private void advanceServiceClock(Duration by) throws IOException {
        ((LocalSession) local.signIn(ConnectorSettings.of(data))).advanceClock(by);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void preparedDrivesTravelToTheDatacenterAndComplete() throws IOException {
        CliRun prepared = preparedJob("seed-fs01", "SB-0001", REHEARSAL);
        assertEquals(0, prepared.exitCode(), prepared.out() + prepared.err());
        String address = local.signIn(ConnectorSettings.of(data)).location("westeurope").orElseThrow().shippingAddress();
        assertTrue(prepared.out().contains("Import job seed-fs01 created"), prepared.out());
        address.lines().forEach(l -> assertTrue(prepared.out().contains(l), "address line " + l + " in "
                + prepared.out()));
        assertEquals("Creating", state("seed-fs01"));

        CliRun ship = ship("seed-fs01", "1Z-0001");
        assertEquals(0, ship.exitCode(), ship.err());
        assertTrue(ship.out().startsWith("Job seed-fs01: Shipping. 1 drive (SB-0001) with FedEx, tracking 1Z-0001"),
                ship.out());

        CliRun watch = run("status", "seed-fs01", "--watch", "--interval", "0.2");
        assertEquals(0, watch.exitCode(), watch.out() + watch.err());
        assertTrue(watch.out().contains("Transferring"), watch.out());
        JsonNode status = json("status", "seed-fs01");
        assertTrue(List.of("Completed", "Closed").contains(status.path("state").asText()), status.toString());
        for (JsonNode d : status.path("importJob").path("drives")) {
            assertTrue(List.of("Completed", "ShippedBack").contains(d.path("state").asText()), d.toString());
            assertEquals(100, d.path("percentComplete").asInt(), d.toString());
            assertTrue(d.path("errors").isEmpty(), d.toString());
        }
        for (JsonNode d : json("drives", "seed-fs01")) {
            assertTrue(List.of("Completed", "ShippedBack").contains(d.path("state").asText()), d.toString());
        }
        List<String> jobChanges = events("seed-fs01").stream().filter(e -> e.kind().equals("job.state"))
                .map(JobEvent::detail).toList();
        for (String step : List.of("DrivesReady → Creating", "Creating → Shipping", "Shipping → Received",
                "Received → Transferring", "Transferring → Packaging", "Packaging → Completed")) {
            assertTrue(jobChanges.stream().anyMatch(c -> c.startsWith(step)), step + " in " + jobChanges);
        }
        assertTrue(local.signIn(ConnectorSettings.of(data)).container("contosobackup", "seed").list("seed-fs01/packs/").size() > 0,
                "the packs reached the import container");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCorruptedBlockOnADriveIsNamedWithItsBlobWhenTheCopyCompletesWithErrors() throws IOException {
        assertEquals(0, preparedJob("seed-fs01", "SB-0001", REHEARSAL).exitCode());
        Path pack;
        try (Stream<Path> files = Files.walk(tmp.resolve("drives/SB-0001/seed-fs01/packs"))) {
            pack = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 1;
        Files.write(pack, bytes);
        assertEquals(0, ship("seed-fs01", "1Z-0001").exitCode());

        CliRun watch = run("status", "seed-fs01", "--watch", "--interval", "0.2");
        assertEquals(4, watch.exitCode(), watch.out() + watch.err());
        assertTrue(watch.out().contains("job seed-fs01: Packaging → CompletedWithErrors"), watch.out());
        assertTrue(watch.out().contains("drive SB-0001: Transferring → CompletedMoreInfo"), watch.out());
        String id = pack.getFileName().toString();
        assertTrue(watch.out().contains("    blob seed/seed-fs01/packs/" + id.substring(0, 2) + "/" + id
                + ": CompletedWithErrors"), watch.out());
        assertTrue(watch.out().contains("      block at offset 0 ("), watch.out());
        JsonNode drive = json("status", "seed-fs01").path("importJob").path("drives").get(0);
        assertTrue(List.of("CompletedMoreInfo", "ShippedBack").contains(drive.path("state").asText()),
                drive.toString());
        assertTrue(drive.path("errors").toString().contains("Corrupted"), drive.toString());
    }

    @Test
    void aFailedImportJobCreationIsCreatedOnceByTheRerun() throws IOException {
        // the compressed clock of earlier versions, hand-written into the settings: the connector refuses it
        Files.writeString(localSettings(), "secondsPerDay=1\n");
        CliRun failed = preparedJob("seed-fs01", "SB-0001");
        assertEquals(3, failed.exitCode(), failed.out() + failed.err());
        assertEquals(1, failed.errLines().size(), failed.err());
        assertTrue(failed.err().startsWith("seedbench prepare-drives: secondsPerDay: is no longer a setting of the "
                + "local cloud"), failed.err());
        assertTrue(failed.err().contains("seedbench init --rehearsal"), failed.err());
        // the connector is signed in before any drive is written (the encryptor gate asks it): nothing was prepared
        assertEquals("Staged", state("seed-fs01"));

        Files.delete(localSettings());
        CliRun rerun = run("prepare-drives", "seed-fs01", "--yes-format", "--drive", "dir:"
                + tmp.resolve("drives/SB-0001") + ",capacity=50M,serial=SB-0001");
        assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
        assertTrue(rerun.out().contains("Import job seed-fs01 created"), rerun.out());
        assertEquals("Creating", state("seed-fs01"));
        assertEquals(1, local.signIn(ConnectorSettings.of(data)).listImportJobs(SUBSCRIPTION).stream().filter(j -> j.jobName().equals("seed-fs01"))
                .count());
    }

    @Test
    void shippingRefusalsAreOneClearLineAndChangeNothing() throws IOException {
        assertEquals(0, preparedJob("seed-a", "SB-A001").exitCode());
        assertEquals(0, preparedJob("seed-b", "SB-B001").exitCode());
        assertEquals(0, run("init", "--name", "seed-c", "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription", SUBSCRIPTION,
                "--location", "westeurope", "--workload", "files:" + tmp.resolve("source-seed-a")).exitCode());
        assertEquals(0, ship("seed-a", "1Z-0001").exitCode());
        JsonNode jobs = jobsWithoutDeadlines();
        int eventsOfB = events("seed-b").size();

        assertRefused(ship("seed-b", "1Z-0001"), "tracking number '1Z-0001': already belongs to another job");
        assertRefused(ship("seed-b", "1Z-0002", "--drive", "SB-B001", "--drive", "SB-A001"),
                "drives 'SB-A001': belongs to another job");
        assertRefused(ship("seed-c", "1Z-0003"), "job 'seed-c': is Draft");
        assertRefused(ship("seed-b", "1Z-0004", "--ship-date", "2020-01-01"), "ship date '2020-01-01': is more "
                + "than 7 days ago (allowed: a date from " + today().minusDays(7) + " to today, " + today());
        assertRefused(ship("seed-b", "1Z-0004", "--ship-date", "2030-01-01"), "ship date '2030-01-01': is in the "
                + "future (allowed: a date from " + today().minusDays(7));
        assertRefused(ship("seed-b", "1Z-00\n05"), "tracking number '1Z-00\\n05': holds a line break");

        assertEquals(jobs, jobsWithoutDeadlines());
        assertEquals(eventsOfB, events("seed-b").size());
        assertTrue(shipment("seed-b") == null, "no shipment recorded for seed-b");
        assertEquals("Creating", state("seed-b"));
        assertRefused(run("cleanup", "seed-b"), "cleanup", "job 'seed-b': is Creating: cleanup deletes staging and the "
                + "import container once the vault holds the seed; first ship the drives and give the shipping details: "
                + "seedbench ship seed-b --carrier");

        CliRun waiting = run("status", "seed-b", "--watch", "--interval", "0.1", "--timeout", "0.3");
        assertEquals(4, waiting.exitCode(), waiting.out() + waiting.err());
        assertEquals(List.of("seedbench status: seed-b is still Creating after watching for 0.3 s; run status again "
                + "later"), waiting.errLines());
    }

    @Test
    void elevenDaysAfterCreationTheDeadlineIsWarned() throws IOException {
        assertEquals(0, preparedJob("seed-fs01", "SB-0001").exitCode());
        CliRun fresh = run("status", "seed-fs01");
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertTrue(fresh.out().contains("14 days left to enter shipping details"), fresh.out());

        advanceServiceClock(Duration.ofDays(11));
        CliRun status = run("status", "seed-fs01");
        assertEquals(4, status.exitCode(), status.out() + status.err());
        assertTrue(status.out().contains("3 days left to enter shipping details (the job is deleted when none are "
                + "given) — WARNING"), status.out());
        JsonNode deadline = json("status", "seed-fs01").path("shippingDeadline");
        assertEquals(3, deadline.path("daysLeft").asInt(), deadline.toString());
        assertTrue(deadline.path("warn").asBoolean());
        assertTrue(run("jobs").out().lines().anyMatch(l -> l.startsWith("seed-fs01") && l.endsWith("3 WARNING")),
                run("jobs").out());
    }

    @Test
    void onDayFifteenWithoutShippingDetailsTheJobHasExpired() throws IOException {
        assertEquals(0, preparedJob("seed-fs01", "SB-0001").exitCode());
        advanceServiceClock(Duration.ofDays(15));
        JsonNode jobs = jobsWithoutDeadlines();
        int events = events("seed-fs01").size();

        assertRefused(ship("seed-fs01", "1Z-0001"), "shipping deadline: passed");
        assertEquals(jobs, jobsWithoutDeadlines());
        assertEquals(events, events("seed-fs01").size());

        CliRun status = run("status", "seed-fs01");
        assertEquals(4, status.exitCode(), status.out() + status.err());
        assertTrue(status.out().startsWith("Job seed-fs01 — Expired"), status.out());
        assertTrue(status.out().contains("expired: the service deleted the import job"), status.out());
        assertRefused(ship("seed-fs01", "1Z-0001"), "job 'seed-fs01': is Expired");
        assertEquals("Expired", state("seed-fs01"));
    }

    @Test
    void shipNamesEveryMissingReturnOptionOnOneLineAndChangesNothing() throws IOException {
        CliRun prepared = preparedJob("seed-ra", "SB-0301", "--return-recipient", "Contoso IT", "--return-street1",
                "1 Main Street", "--return-postal-code", "D02 X285", "--return-country", "IE", "--return-email",
                "it@contoso.example", "--return-carrier", "FedEx");
        assertEquals(0, prepared.exitCode(), prepared.out() + prepared.err());
        int events = events("seed-ra").size();

        CliRun refused = run("ship", "seed-ra", "--carrier", "UPS", "--tracking", "1Z-RA",
                "--return-carrier-account", "FX-42");

        assertEquals(3, refused.exitCode(), refused.out() + refused.err());
        assertEquals(List.of("seedbench ship: the return address lacks --return-city, --return-phone; give them "
                + "(or seedbench return-address seed-ra --return-city …)"), refused.errLines());
        assertEquals(events, events("seed-ra").size(), "nothing recorded");
        assertEquals(null, shipment("seed-ra"));

        CliRun shipped = run("ship", "seed-ra", "--carrier", "UPS", "--tracking", "1Z-RA", "--return-city", "Dublin",
                "--return-phone", "+353 1 555 0100", "--return-carrier-account", "FX-42");

        assertEquals(0, shipped.exitCode(), shipped.out() + shipped.err());
        Shipment shipment = shipment("seed-ra");
        assertEquals(new ReturnShipping("FedEx", "FX-42"), shipment.returnShipping(),
                "the job's return carrier, not the outbound one");
        assertEquals("Dublin", shipment.returnAddress().city());
        CliRun status = run("status", "seed-ra");
        assertTrue(status.out().contains("  return address     Contoso IT, 1 Main Street, Dublin, D02 X285, IE, "
                + "+353 1 555 0100, it@contoso.example\n"), status.out());
        assertTrue(status.out().contains("  return carrier     FedEx, account FX-42\n"), status.out());
    }

    @Test
    void aStateTheServiceReportsThatSeedbenchDoesNotKnowIsShownAsItselfWithSimulatedService() throws IOException {
        ServiceRegistration<CloudConnector> registration = context.registerService(CloudConnector.class,
                new SimulatedUnknownStates(local, Duration.ZERO), null);
        try {
            CliRun prepared = preparedJob("seed-odd", "SB-0302", "--connector", SimulatedUnknownStates.ID);
            assertEquals(0, prepared.exitCode(), prepared.out() + prepared.err());

            CliRun status = run("status", "seed-odd");

            assertEquals(0, status.exitCode(), status.out() + status.err());
            assertTrue(status.out().startsWith("Job seed-odd — Creating"), status.out());
            assertTrue(status.out().contains("  import job         DevicePrepared (a state of the service's that "
                    + "Seedbench does not know; the job stays Creating), 0%"), status.out());
            assertTrue(status.out().contains("  service error      " + SimulatedUnknownStates.ERROR), status.out());
            assertTrue(status.out().contains("  ship to            Microsoft Azure Data Box, 1 Datacenter Way, "
                    + "Amsterdam"), status.out());
            assertTrue(status.out().contains("  drives returned    " + SimulatedUnknownStates.RETURN_PACKAGE),
                    status.out());
            assertTrue(status.out().lines().anyMatch(l -> l.startsWith("SB-0302") && l.contains("AtAzureDC")
                    && l.endsWith("NotStarted")), status.out());
            JsonNode json = json("status", "seed-odd");
            assertEquals("Creating", json.path("state").asText());
            assertEquals("DevicePrepared", json.path("importJob").path("serviceState").asText());
            assertFalse(json.path("importJob").path("known").asBoolean());
            assertEquals("AtAzureDC", json.path("importJob").path("drives").get(0).path("state").asText());
            CliRun jobs = run("jobs");
            assertEquals(0, jobs.exitCode(), jobs.out() + jobs.err());
            assertTrue(jobs.out().lines().anyMatch(l -> l.startsWith("seed-odd")), jobs.out());
        } finally {
            registration.unregister();
        }
    }

    private void assertRefused(CliRun r, String expected) {
        assertRefused(r, "ship", expected);
    }

    private static void assertRefused(CliRun r, String verb, String expected) {
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("seedbench " + verb + ": " + expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private static java.time.LocalDate today() {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRehearsalRunsOnItsOwnClockAndARealJobsDatesStayReal() throws IOException {
        assertEquals(0, preparedJob("seed-real", "SB-0001").exitCode());
        CliRun prepared = preparedJob("seed-rehearsal", "SB-0002", "--rehearsal", "--days-per-second", "4",
                "--drive-read-rate", "150MB/s");
        assertEquals(0, prepared.exitCode(), prepared.out() + prepared.err());
        assertTrue(events("seed-rehearsal").stream().anyMatch(e -> e.kind().equals("rehearsal")),
                "the rehearsal is recorded in the job's events");

        CliRun ship = ship("seed-rehearsal", "1Z-R001");
        assertEquals(0, ship.exitCode(), ship.err());
        assertTrue(ship.out().contains("shipped " + today() + "."), "the ship date is today's real date: " + ship.out());
        CliRun watch = run("status", "seed-rehearsal", "--watch", "--interval", "0.2");
        assertEquals(0, watch.exitCode(), watch.out() + watch.err());
        java.util.regex.Matcher dates = java.util.regex.Pattern.compile(
                "\\(simulated (\\d{4}-\\d\\d-\\d\\d) \\d\\d:\\d\\d, real (\\d{4}-\\d\\d-\\d\\d) \\d\\d:\\d\\d\\)$")
                .matcher(watch.out().lines().filter(l -> l.contains("(simulated ")).reduce((x, y) -> y).orElse(""));
        assertTrue(dates.find(), "each watched line shows the simulated time beside the real one: " + watch.out());
        assertTrue(java.time.LocalDate.parse(dates.group(1)).isAfter(java.time.LocalDate.parse(dates.group(2))),
                "the rehearsal's days ran ahead of the real ones: " + dates.group());
        CliRun rehearsal = run("status", "seed-rehearsal");
        assertTrue(rehearsal.out().contains("rehearsal          its import job runs on a clock of its own, 4 simulated "
                + "days a real second"), rehearsal.out());

        // the rehearsal's datacenter days passed; the real job's did not
        CliRun real = run("status", "seed-real");
        assertEquals(0, real.exitCode(), real.out() + real.err());
        assertTrue(real.out().contains("14 days left to enter shipping details"), real.out());
        assertEquals("Creating", state("seed-real"));
        java.time.Instant created = java.time.Instant.parse(json("status", "seed-real").path("importJob")
                .path("created").asText(json("status", "seed-real").path("created").asText()));
        assertTrue(Duration.between(created, java.time.Instant.now()).abs().toMinutes() < 10,
                "the real job's import job was created now, by the real clock: " + created);
        assertEquals(0, ship("seed-real", "1Z-0001").exitCode());
        assertEquals("Shipping", state("seed-real"), "a real job is not moved along by the rehearsal's clock");
    }

    /** A source folder of its own, beside the staging location (a staging location inside a source is refused). */
    private Path emptySource() {
        try {
            return Files.createDirectories(tmp.resolve("source-empty"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRehearsalIsMadeAtInitOnTheLocalCloudOnly() {
        assertRefused(run("init", "--name", "seed-az", "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription", SUBSCRIPTION,
                "--location", "westeurope", "--workload", "files:" + emptySource(), "--connector", "azure", "--rehearsal"),
                "init", "connector 'azure': has no simulated datacenter for a rehearsal");
        assertRefused(run("init", "--name", "seed-x", "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription", SUBSCRIPTION,
                "--location", "westeurope", "--workload", "files:" + emptySource(), "--days-per-second", "5"),
                "init", "days per second '5': is the clock of a rehearsal only");
        assertRefused(run("init", "--name", "seed-x", "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription", SUBSCRIPTION,
                "--location", "westeurope", "--workload", "files:" + emptySource(), "--rehearsal", "--days-per-second", "0"),
                "init", "days per second '0': is out of range");
        try (Catalog catalog = catalogs.open(data)) {
            assertEquals(List.of(), catalog.jobs(), "no job is created");
        }
    }

    @Test
    void aSecondPackageNeedsReplaceAndIsRecordedInTheEvents() throws IOException {
        assertEquals(0, preparedJob("seed-fs01", "SB-0001").exitCode());
        assertEquals(0, ship("seed-fs01", "1Z-0001").exitCode());
        int events = events("seed-fs01").size();
        CliRun again = ship("seed-fs01", "1Z-0001");
        assertEquals(0, again.exitCode(), "the same package again is a rerun: " + again.err());
        assertEquals(events, events("seed-fs01").size());

        assertRefused(ship("seed-fs01", "1Z-0002"), "package: job seed-fs01 already has a package: 1 drive (SB-0001) "
                + "with FedEx, tracking 1Z-0001, shipped " + today());
        assertEquals("1Z-0001", shipment("seed-fs01").trackingNumber());
        assertEquals(events, events("seed-fs01").size());

        CliRun replaced = ship("seed-fs01", "1Z-0002", "--replace");
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals("1Z-0002", shipment("seed-fs01").trackingNumber());
        assertTrue(events("seed-fs01").stream().anyMatch(e -> e.kind().equals("shipping.replaced")
                && e.detail().contains("tracking 1Z-0001") && e.detail().contains("now 1 drive (SB-0001) with FedEx, "
                        + "tracking 1Z-0002")), events("seed-fs01").toString());
    }

    @Test
    void anUnknownLocationIsRefusedAtInitAndBeforePrepareDrivesFormatsAnything() throws Exception {
        assertRefused(run("init", "--name", "seed-x", "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription", SUBSCRIPTION,
                "--location", "atlantis", "--workload", "files:" + emptySource()), "init", "location 'atlantis': is not a "
                        + "location of the local connector (allowed: australiaeast, centralus, eastus, ");
        try (Catalog catalog = catalogs.open(data)) {
            assertEquals(List.of(), catalog.jobs(), "no job is created");
            // a job an earlier version accepted
            catalog.createJob(new org.seedbench.core.model.SeedingJob("seed-old", tmp.resolve("staging").toString(),
                    "contosobackup", "seed", SUBSCRIPTION, "atlantis", List.of(), null, null, java.time.Instant.now(),
                    org.seedbench.core.model.JobState.DRAFT));
        }
        Path drive = Files.createDirectories(tmp.resolve("drives/SB-0009"));
        Files.writeString(drive.resolve("keep.txt"), "not to be formatted");
        assertRefused(run("prepare-drives", "seed-old", "--yes-format", "--drive", "dir:" + drive
                + ",capacity=50M,serial=SB-0009"), "prepare-drives", "location 'atlantis': is not a location of the "
                        + "local connector");
        try (Stream<Path> files = Files.list(drive)) {
            assertEquals(List.of(drive.resolve("keep.txt")), files.toList(), "nothing is written on the drive");
        }
        assertRefused(run("cleanup", "seed-old"), "cleanup", "job 'seed-old': is Draft: cleanup deletes staging and "
                + "the import container once the vault holds the seed; first stage it: seedbench stage seed-old");
    }

    private List<JobEvent> events(String job) {
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.events(job);
        }
    }

    private Shipment shipment(String job) {
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.shipment(job).orElse(null);
        }
    }
}
