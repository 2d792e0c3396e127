package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.ReturnRules;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.Progress;
import org.seedbench.testsupport.SimulatedUnknownStates;

/**
 * The job's return details go into the import job request and the shipment, and what {@code ship} gives updates
 * them; a service that reports states Seedbench does not know (a simulated one) leaves the job where it is.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ReturnDetailsAndUnknownStatesWithSimulatedServiceTest {
    private static final ReturnAddress ADDRESS = new ReturnAddress("Dana Admin", "1 Main Street", null, "Dublin",
            null, "D02 X285", "IE", "+353 1 555 0100", "dana@contoso.example");
    private static final ReturnShipping RETURN_CARRIER = new ReturnShipping("DHL", "DHL-998877");

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    DrivePreparationService preparation;

    @InjectService(timeout = 10_000)
    ImportJobService importJobs;

    @InjectService(timeout = 10_000)
    CloudConnectors connectors;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectBundleContext
    BundleContext context;

    @TempDir
    Path tmp;

    private ServiceRegistration<CloudConnector> registration;

    @AfterEach
    void unregister() {
        if (registration != null) {
            registration.unregister();
        }
    }

    /** The simulated service, its clock {@code ahead} of the local cloud's. */
    private SimulatedUnknownStates service(Duration ahead) throws Exception {
        SimulatedUnknownStates service = new SimulatedUnknownStates(connectors.connector("local"), ahead);
        registration = context.registerService(CloudConnector.class, service, null);
        return service;
    }

    /** A job of the simulated service, staged and its drive prepared: its import job is created. */
    private void prepared(Workspace workspace, String name, ReturnDetails returns) throws Exception {
        SeedingJob seed = Seeds.job(tmp, name, "contosobackup", 2);
        jobs.create(workspace, new SeedingJob(seed.name(), seed.stagingLocation(), seed.storageAccount(),
                seed.container(), seed.subscriptionId(), seed.location(), seed.workloads(), SimulatedUnknownStates.ID,
                null, seed.created(), JobState.DRAFT));
        if (returns != null) {
            importJobs.updateReturnDetails(workspace, name, returns);
        }
        try (Secret passphrase = Secret.of(Seeds.PASSPHRASE)) {
            stage.stage(workspace, name, passphrase, Progress.NONE, w -> {
            });
        }
        PrepareOutcome outcome = preparation.prepare(workspace, name, List.of("dir:" + tmp.resolve("drives/" + name)
                + ",capacity=50M,serial=SB-" + name), "portable", (s, description) -> true, Progress.NONE,
                note -> {
                });
        assertEquals(JobState.DRIVES_READY, outcome.state(), outcome.toString());
        try (Catalog catalog = workspace.catalog()) {
            assertEquals(JobState.CREATING, catalog.job(name).orElseThrow().state());
        }
    }

    @Test
    void theJobsReturnDetailsGoWithTheImportJobAndShipUpdatesThem() throws Exception {
        SimulatedUnknownStates service = service(Duration.ZERO);
        try (Workspace workspace = workspaces.open(tmp.resolve("data"))) {
            prepared(workspace, "seed-ret", new ReturnDetails(ADDRESS, RETURN_CARRIER));

            ImportJobRequest request = service.requests().get(service.requests().size() - 1);
            assertEquals(ADDRESS, request.returnAddress(), "the address the job had when its import job was created");
            assertEquals(RETURN_CARRIER, request.returnShipping());

            ReturnAddress newPhone = new ReturnAddress(null, null, null, null, null, null, null, "+353 1 555 0199",
                    null);
            Shipment shipped = importJobs.ship(workspace, "seed-ret", new Shipment("seed-ret", "UPS", "1Z-RET-1", null,
                    List.of(), newPhone, ReturnShipping.NONE));

            ReturnAddress expected = new ReturnAddress("Dana Admin", "1 Main Street", null, "Dublin", null,
                    "D02 X285", "IE", "+353 1 555 0199", "dana@contoso.example");
            assertEquals(expected, shipped.returnAddress(), "the given phone over the job's address");
            assertEquals(RETURN_CARRIER, shipped.returnShipping(), "the return carrier is not the outbound one");
            Shipment told = service.shipments().get(service.shipments().size() - 1);
            assertEquals(expected, told.returnAddress());
            assertEquals(RETURN_CARRIER, told.returnShipping());
            assertEquals(new ReturnDetails(expected, RETURN_CARRIER), importJobs.returnDetails(workspace, "seed-ret"),
                    "ship stored what it was given");
        }
    }

    @Test
    void aShipmentWithoutEveryRequiredReturnDetailIsRefusedNamingEach() throws Exception {
        SimulatedUnknownStates service = service(Duration.ZERO);
        try (Workspace workspace = workspaces.open(tmp.resolve("data"))) {
            prepared(workspace, "seed-bare", null);
            assertEquals(ReturnAddress.NONE, service.requests().get(service.requests().size() - 1).returnAddress());
            ReturnAddress partial = new ReturnAddress("Dana Admin", "1 Main Street", null, null, null, "D02 X285",
                    "ie", null, "dana@contoso.example");

            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> importJobs.ship(workspace,
                    "seed-bare", new Shipment("seed-bare", "UPS", "1Z-BARE-1", null, List.of(), partial,
                            new ReturnShipping("UPS", null))));

            assertEquals(List.of("returnAddress.city", "returnAddress.phone", "returnShipping.carrierAccountNumber"),
                    refused.problems().stream().map(Problem::field).toList());
            assertEquals(ReturnDetails.NONE, importJobs.returnDetails(workspace, "seed-bare"), "nothing stored");
            assertTrue(service.shipments().isEmpty(), "the service heard nothing");

            InvalidInputException malformed = assertThrows(InvalidInputException.class,
                    () -> importJobs.updateReturnDetails(workspace, "seed-bare", new ReturnDetails(new ReturnAddress(
                            null, null, null, null, null, null, "Ireland", "555", "dana@contoso"), null)));
            assertEquals(List.of(ReturnRules.EMAIL, ReturnRules.PHONE, ReturnRules.COUNTRY_OR_REGION), malformed.problems().stream().map(Problem::field).toList());
        }
    }

    @Test
    void aStateTheServiceReportsThatSeedbenchDoesNotKnowLeavesTheJobWhereItIs() throws Exception {
        // the service's clock is past the 14-day deadline: a job the service still reports is not taken as expired
        service(Duration.ofDays(15));
        try (Workspace workspace = workspaces.open(tmp.resolve("data"))) {
            prepared(workspace, "seed-odd", null);
            List<Drive> drivesBefore;
            int eventsBefore;
            try (Catalog catalog = workspace.catalog()) {
                drivesBefore = catalog.drives("seed-odd");
                eventsBefore = catalog.events("seed-odd").size();
            }

            ImportJobView view = importJobs.refresh(workspace, "seed-odd");

            assertEquals(JobState.CREATING, view.jobState());
            assertNull(view.serviceState());
            assertEquals(SimulatedUnknownStates.JOB_STATE, view.serviceStateText());
            assertTrue(view.reported());
            assertTrue(view.moving(), "a state Seedbench does not know is never taken for finished");
            assertEquals(SimulatedUnknownStates.SHIP_TO, view.shipTo());
            assertEquals(SimulatedUnknownStates.RETURN_PACKAGE, view.returnPackage());
            assertEquals(SimulatedUnknownStates.ERROR, view.error());
            ImportJobView.DriveView drive = view.drives().get(0);
            assertNull(drive.state());
            assertEquals(SimulatedUnknownStates.DRIVE_STATE, drive.stateText());
            assertEquals(SimulatedUnknownStates.COPY_STATUS, drive.copyStatus());
            try (Catalog catalog = workspace.catalog()) {
                assertEquals(JobState.CREATING, catalog.job("seed-odd").orElseThrow().state());
                assertEquals(drivesBefore, catalog.drives("seed-odd"));
                List<JobEvent> events = catalog.events("seed-odd");
                assertTrue(events.subList(eventsBefore, events.size()).stream()
                        .noneMatch(e -> e.kind().startsWith("job.state") || e.kind().startsWith("drive.")),
                        events.toString());
                Map<String, String> props = catalog.jobProperties("seed-odd");
                assertEquals(SimulatedUnknownStates.JOB_STATE, props.get(ImportJobService.PROP_STATE));
            }
        }
    }
}
