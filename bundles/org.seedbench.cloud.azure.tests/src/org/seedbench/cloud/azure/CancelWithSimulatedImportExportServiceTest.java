package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.cloud.simulator.ImportServiceSimulator;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.KeyProtector;

/**
 * Cancelling an import job through the Azure connector, the Import/Export service simulated from its published
 * contract: {@code cancelRequested: true} on Update Job cancels a job before it is Packaging (Creating, Shipping,
 * Received), is taken but best-effort while the drives are Transferring (the copy goes on), and is refused (409,
 * nothing changed) from Packaging on. A cancelled job is then Completed, its cancelRequested true, as the service
 * reports it; Seedbench knows it for cancelled by its drives, none of them copied.
 */
@ExtendWith(AzuriteExtension.class)
class CancelWithSimulatedImportExportServiceTest {
    static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    static final ReturnAddress RETURN = new ReturnAddress("Contoso IT", "1 Main St", null, "Springfield", "IL", "62701",
            "US", "+1 217 555 0100", "it@contoso.example");
    static final ReturnShipping RETURN_SHIPPING = new ReturnShipping("FedEx", "FX-12345");

    private final Azurite azurite;
    private SimulatedImportService service;
    private AzureSession session;

    @TempDir
    Path tmp;

    CancelWithSimulatedImportExportServiceTest(Azurite azurite) {
        this.azurite = azurite;
    }

    @BeforeEach
    void start() throws IOException {
        service = SimulatedImportService.withoutDrives(azurite, tmp.resolve("cloud"));
        session = new AzureCloudConnector().signIn(service.settings("importexport"));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private void create(String job, String serial) throws IOException {
        KeyProtector key = new KeyProtector("kp-1", Secret.of("111111-222222-333333-444444-555555-666666-777777-888888"));
        session.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", job, "devstoreaccount1", "seed",
                RETURN, RETURN_SHIPPING, List.of(new ImportJobRequest.DriveEntry(serial, key, "\\drive-manifest.xml",
                        "0123456789ABCDEF0123456789ABCDEF"))));
    }

    private void ship(String job, String serial, String tracking) throws IOException {
        session.updateShipping(SUBSCRIPTION, new Shipment(job, "FedEx", tracking, LocalDate.now(ZoneOffset.UTC),
                List.of(serial), RETURN, RETURN_SHIPPING));
    }

    private JobState state(String job) throws IOException {
        return session.getImportJob(SUBSCRIPTION, job).orElseThrow().serviceState();
    }

    /** The Update Job requests the service received for the job (a job that was never shipped: its cancel only). */
    private List<ImportServiceSimulator.Request> updates(String job) {
        return service.simulator.requests().stream().filter(r -> r.method().equals("PATCH")
                && r.path().endsWith("/jobs/" + job)).toList();
    }

    @Test
    void aJobInCreatingOrShippingIsCancelledByAnUpdateWithCancelRequested() throws IOException {
        create("cancel-creating", "SB-0001");
        create("cancel-shipping", "SB-0002");
        ship("cancel-shipping", "SB-0002", "1Z-0002");

        session.cancelImportJob(SUBSCRIPTION, "cancel-creating");
        session.cancelImportJob(SUBSCRIPTION, "cancel-shipping");

        assertEquals(JobState.CANCELLED, state("cancel-creating"));
        assertEquals(JobState.CANCELLED, state("cancel-shipping"));
        // the service has no Cancelled state: a cancelled job is moved to Completed, cancelRequested true
        assertEquals("Completed", session.getImportJob(SUBSCRIPTION, "cancel-creating").orElseThrow().serviceStateText());
        assertEquals(1, updates("cancel-creating").size(), "one Update Job request");
        assertEquals(JobState.CANCELLED, service.backend.getImportJob(SUBSCRIPTION, "cancel-shipping").orElseThrow()
                .serviceState());
    }

    @Test
    void fromPackagingOnTheServiceRefusesAndNothingChanges() throws IOException {
        create("cancel-late", "SB-0003");
        ship("cancel-late", "SB-0003", "1Z-0003");
        // the datacenter moves a job along when it is read: Transferring first, then Packaging a day after the copy
        service.backend.advanceClock(Duration.ofDays(2).plusHours(12));
        assertEquals(JobState.TRANSFERRING, state("cancel-late"));
        service.backend.advanceClock(Duration.ofDays(1));
        assertEquals(JobState.PACKAGING, state("cancel-late"));

        IOException refused = assertThrows(IOException.class, () -> session.cancelImportJob(SUBSCRIPTION, "cancel-late"));

        assertTrue(refused.getMessage().contains("HTTP 409"), refused.getMessage());
        assertTrue(refused.getMessage().contains("a job can be cancelled only before it is Packaging"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
        assertEquals(JobState.PACKAGING, state("cancel-late"));
    }

    @Test
    void whileTransferringTheRequestIsTakenButTheCopyGoesOn() throws IOException {
        create("cancel-transfer", "SB-0004");
        ship("cancel-transfer", "SB-0004", "1Z-0004");
        service.backend.advanceClock(Duration.ofDays(2).plusHours(12));
        assertEquals(JobState.TRANSFERRING, state("cancel-transfer"));

        session.cancelImportJob(SUBSCRIPTION, "cancel-transfer");

        assertEquals(JobState.TRANSFERRING, state("cancel-transfer"), "best effort: the job is not cancelled");
        service.backend.advanceClock(Duration.ofDays(2));
        // Completed, cancelRequested true, but the drive was copied: the import happened, the job is not cancelled
        assertTrue(List.of(JobState.COMPLETED, JobState.COMPLETED_WITH_ERRORS).contains(state("cancel-transfer")));
    }
}
