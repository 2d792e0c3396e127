package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.DriveDock;
import org.seedbench.core.spi.DriveDock.DockedDrive;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

/**
 * A seed goes to Azure Blob storage (Azurite) the way it would through the real service, with the datacenter
 * simulated: folder drives are prepared with the portable encryptor, the import job is created through the
 * Azure connector's REST client against the simulator, the package is shipped, the simulator's clock is
 * advanced day by day, and the job completes with every staged file in the import container, byte-identical.
 */
@ExtendWith(AzuriteExtension.class)
class ImportThroughSimulatedServiceEndToEndTest {
    private static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String CONTAINER = "seed";

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 5000)
    DiskEncryptor portable;

    @TempDir
    Path temp;

    private final Azurite azurite;
    private SimulatedImportService service;

    ImportThroughSimulatedServiceEndToEndTest(Azurite azurite) {
        this.azurite = azurite;
    }

    @AfterEach
    void stopSimulator() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anImportExportJobCompletesAndTheBlobsAreTheStagedFiles() throws Exception {
        runImport("importexport", "e2e-importexport");
    }

    @Test
    void aDataBoxJobCompletesAndTheBlobsAreTheStagedFiles() throws Exception {
        runImport("databox", "e2e-databox");
    }

    private void runImport(String route, String job) throws Exception {
        Path staged = SeedOnDrives.stage(temp.resolve("staging/" + job));
        Map<String, DriveTarget> targets = new LinkedHashMap<>();
        List<DriveEntry> drives = SeedOnDrives.prepare(portable, temp, staged, job, CONTAINER, targets);
        Map<String, DockedDrive> docked = new LinkedHashMap<>();
        targets.forEach((serial, target) -> docked.put(serial, new DockedDrive(target, portable.id())));
        service = SimulatedImportService.start(azurite, temp.resolve("cloud"), List.of(portable), DriveDock.of(docked),
                86400);
        AzureSession azure = new AzureCloudConnector().signIn(service.settings("importexport"));

        CloudJobStatus created = azure.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", job,
                Azurite.ACCOUNT, CONTAINER, ReturnDetails.ADDRESS, ReturnDetails.SHIPPING, drives, Map.of("route", route)));
        assertEquals(JobState.CREATING, created.serviceState());
        CloudJobStatus shipped = azure.updateShipping(SUBSCRIPTION, new Shipment(job, "FedEx", "1Z-" + job.toUpperCase(),
                LocalDate.now(), List.copyOf(targets.keySet()), ReturnDetails.ADDRESS, ReturnDetails.SHIPPING));
        assertEquals(JobState.SHIPPING, shipped.serviceState());

        List<JobState> seen = new ArrayList<>(List.of(JobState.CREATING, JobState.SHIPPING));
        CloudJobStatus status = shipped;
        for (int day = 0; day < 10 && status.serviceState() != JobState.COMPLETED; day++) {
            service.backend.advanceClock(Duration.ofDays(1));
            status = azure.getImportJob(SUBSCRIPTION, job).orElseThrow();
            if (seen.get(seen.size() - 1) != status.serviceState()) {
                seen.add(status.serviceState());
            }
        }

        assertEquals(JobState.COMPLETED, status.serviceState(), "states seen: " + seen);
        assertTrue(isInOrder(seen), "states seen in the service's order: " + seen);
        assertTrue(seen.contains(JobState.RECEIVED), "states seen: " + seen);
        assertEquals(100, status.percentComplete());
        for (CloudJobStatus.DriveStatus d : status.drives()) {
            assertEquals(DriveState.COMPLETED, d.state(), d.serial());
        }
        assertEquals(route, routeSeenByAFreshConnector(job));
        assertBlobsAreTheStagedFiles(azure.container(Azurite.ACCOUNT, CONTAINER), staged, job);
        String log = azure.readLog(status.drives().get(0).verboseLogUri());
        assertTrue(log.contains(status.drives().get(0).serial()), log);
        assertFalse(log.contains("-222222-"), "no recovery password in the log");
    }

    /** The route on which a connector that knows no job finds the job. */
    private String routeSeenByAFreshConnector(String job) throws IOException {
        AzureSession fresh = new AzureCloudConnector().signIn(service.settings("importexport"));
        return fresh.routeOfJob(SUBSCRIPTION, job);
    }

    private static boolean isInOrder(List<JobState> states) {
        for (int i = 1; i < states.size(); i++) {
            if (states.get(i).ordinal() <= states.get(i - 1).ordinal()) {
                return false;
            }
        }
        return true;
    }

    private static void assertBlobsAreTheStagedFiles(ObjectStore container, Path staged, String job) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staged)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String blob = job + "/" + staged.relativize(file).toString().replace('\\', '/');
            try (InputStream in = container.open(blob)) {
                assertArrayEquals(Files.readAllBytes(file), in.readAllBytes(), blob);
            }
        }
        assertEquals(files.size(), container.list(job + "/").size(), "the container holds the staged files only");
    }
}
