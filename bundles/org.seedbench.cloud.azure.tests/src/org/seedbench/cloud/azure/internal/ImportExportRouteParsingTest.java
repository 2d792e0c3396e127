package org.seedbench.cloud.azure.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.KeyProtector;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import reactor.core.publisher.Mono;

/**
 * The Import/Export route reads every job and drive state of the reference (and any other) without failing:
 * a documented state maps to Seedbench's, one Seedbench does not know is kept as the service's text with no
 * state (never taken for a finished job); the ship-to address, return package, copy status and manifest and
 * blob-list locations come through; locations are known by their id.
 */
class ImportExportRouteParsingTest {
    /** Job states the Import/Export documentation names, and the ones the service reports on a cancelled or expired job. */
    private static final List<String> JOB_STATES = List.of("Creating", "Shipping", "Received", "Transferring",
            "Packaging", "Completed", "Closed", "CompletedWithErrors", "Cancelled", "Expired");
    /** DriveStatus.state's enum in the 2021-01-01 reference. */
    private static final List<String> DRIVE_STATES = List.of("Specified", "Received", "NeverReceived", "Transferring",
            "Completed", "CompletedMoreInfo", "ShippedBack");

    private static ObjectNode job(String state, String driveState) {
        ObjectNode job = ManagementClient.json().createObjectNode().put("name", "states-job");
        job.putObject("systemData").put("createdAt", "2026-12-01T10:00:00Z");
        ObjectNode p = job.putObject("properties").put("state", state).put("percentComplete", 40);
        p.putArray("driveList").addObject().put("driveId", "SB-0001").put("state", driveState).put("bytesSucceeded", 7);
        return job;
    }

    private static CloudJobStatus status(JsonNode job) {
        return new ImportExportRoute(null, "rg").status(job);
    }

    @Test
    void everyDocumentedJobStateMapsToSeedbenchsAndPrintsAsTheServiceSpellsIt() {
        for (String state : JOB_STATES) {
            CloudJobStatus status = status(job(state, "Specified"));
            assertEquals(JobState.parse(state), status.serviceState(), state);
            assertEquals(state, status.serviceStateText(), state);
        }
    }

    @Test
    void aCompletedJobWithCancelRequestedIsCancelledUnlessItsDrivesWereCopied() {
        ObjectNode cancelled = job("Completed", "Received");
        ((ObjectNode) cancelled.path("properties")).put("cancelRequested", true);
        ObjectNode copiedAnyway = job("Completed", "Completed");
        ((ObjectNode) copiedAnyway.path("properties")).put("cancelRequested", true);

        assertEquals(JobState.CANCELLED, status(cancelled).serviceState());
        assertEquals("Completed", status(cancelled).serviceStateText(), "printed as the service spells it");
        assertEquals(JobState.COMPLETED, status(copiedAnyway).serviceState(), "a best-effort cancel the copy outran");
        assertEquals(JobState.COMPLETED, status(job("Completed", "Received")).serviceState(), "no cancel asked");
    }

    @Test
    void everyDriveStateOfTheReferenceMapsToSeedbenchsAndPrintsAsTheServiceSpellsIt() {
        for (String state : DRIVE_STATES) {
            DriveStatus drive = status(job("Transferring", state)).drives().get(0);
            assertEquals(DriveState.parse(state), drive.state(), state);
            assertEquals(state, drive.stateText(), state);
        }
    }

    @Test
    void aStateSeedbenchDoesNotKnowIsShownAsItselfAndNeverTakenForFinished() {
        CloudJobStatus status = status(job("Archived", "Quarantined"));
        assertNull(status.serviceState(), "no Seedbench state, so nothing takes the job for finished");
        assertEquals("Archived", status.serviceStateText());
        assertEquals(40, status.percentComplete());
        DriveStatus drive = status.drives().get(0);
        assertNull(drive.state());
        assertEquals("Quarantined", drive.stateText());
        assertEquals(7, drive.bytesCopied());
        assertNull(status(job("Draft", "Specified")).serviceState(), "a Seedbench-only state from the service is no state of it");
    }

    @Test
    void theJobsShipToAddressReturnPackageAndDriveDetailsComeThrough() {
        ObjectNode job = job("Closed", "ShippedBack");
        ObjectNode p = (ObjectNode) job.path("properties");
        p.put("incompleteBlobListUri", "https://acct.blob.core.windows.net/waimportexport/incomplete.txt");
        p.putObject("shippingInformation").put("recipientName", "Microsoft Azure Import/Export")
                .put("streetAddress1", "1 Datacenter Way").put("city", "Amsterdam").put("postalCode", "1000 AA")
                .put("countryOrRegion", "Netherlands").put("phone", "+31 20 000 0000");
        p.putObject("returnPackage").put("carrierName", "UPS").put("trackingNumber", "1Z999").put("driveCount", 1)
                .put("shipDate", "2026-12-05");
        ((ObjectNode) p.path("driveList").path(0)).put("copyStatus", "Completed")
                .put("manifestUri", "https://acct.blob.core.windows.net/waimportexport/SB-0001.manifest");

        CloudJobStatus status = status(job);

        assertEquals("Microsoft Azure Import/Export\n1 Datacenter Way\nAmsterdam, 1000 AA\nNetherlands\nPhone: +31 20 000 0000",
                status.shipTo());
        assertEquals("UPS 1Z999", status.returnPackage());
        assertEquals(OffsetDateTime.parse("2026-12-01T10:00:00Z").toInstant(), status.created());
        DriveStatus drive = status.drives().get(0);
        assertEquals("Completed", drive.copyStatus());
        assertEquals("https://acct.blob.core.windows.net/waimportexport/SB-0001.manifest", drive.manifestUri());
        assertEquals("https://acct.blob.core.windows.net/waimportexport/incomplete.txt", drive.incompleteBlobListUri());
        assertNull(status(job("Creating", "Specified")).shipTo(), "no shippingInformation, no ship-to of the job's own");
        assertNull(status(job("Creating", "Specified")).returnPackage());
    }

    @Test
    void aLocationIsKnownByItsResourceIdsLastSegmentAndNamedByItsName() {
        ObjectNode l = ManagementClient.json().createObjectNode()
                .put("id", "/providers/Microsoft.ImportExport/locations/westus").put("name", "West US")
                .put("type", "Microsoft.ImportExport/locations");
        l.putObject("properties").put("recipientName", "Microsoft Azure Import/Export").put("streetAddress1", "1 Road")
                .put("streetAddress2", "Dock 3").put("city", "Tukwila").put("stateOrProvince", "WA")
                .put("postalCode", "98188").put("countryOrRegion", "USA").put("phone", "+1 000");
        DatacenterLocation location = ImportExportRoute.location(l);
        assertEquals("westus", location.id());
        assertEquals("West US", location.displayName());
        assertEquals("1 Road, Dock 3", location.streetAddress());
    }

    @Test
    void theServicesErrorDetailsAreInTheOneLineError() {
        ObjectNode body = ManagementClient.json().createObjectNode();
        ObjectNode error = body.putObject("error").put("code", "InvalidRequestContent").put("message", "The request content was invalid.");
        error.putArray("details").addObject().put("code", "MissingRequiredProperty")
                .put("target", "properties.returnAddress.phone").put("message", "phone is required");
        String line = new ManagementErrors(new Redactor(List.of())).of("create import job 'x'", 400, body).getMessage();
        assertEquals("Azure Resource Manager: cannot create import job 'x': HTTP 400 InvalidRequestContent: The request content"
                + " was invalid. (properties.returnAddress.phone MissingRequiredProperty: phone is required);"
                + " check the request's values", line);
    }

    @Test
    void theManifestFileIsADriveRelativeWindowsPath() {
        assertEquals("\\drive-manifest.xml", ImportExportRoute.manifestFile("/drive-manifest.xml"));
        assertEquals("\\job\\drive-manifest.xml", ImportExportRoute.manifestFile("job/drive-manifest.xml"));
        assertEquals("\\DriveManifest.xml", ImportExportRoute.manifestFile("\\DriveManifest.xml"));
    }

    @Test
    void anIncompleteReturnAddressIsRefusedHereNamingTheEmptyFieldsBeforeAnyCall() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ManagementClient client = new ManagementClient(URI.create("http://127.0.0.1:" + closed),
                request -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1))),
                new JdkHttpClientBuilder().build(), new Redactor(List.of()));
        ImportExportRoute route = new ImportExportRoute(client, "rg");
        ReturnAddress noPhoneNoEmail = new ReturnAddress("Contoso IT", "1 Main St", null, "Springfield", null, "62701",
                "US", null, null);
        ImportJobRequest request = new ImportJobRequest("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "westeurope", "half",
                "contosobackup", "seed", noPhoneNoEmail, null, List.of(new ImportJobRequest.DriveEntry("SB-0001",
                        new KeyProtector("kp", Secret.of("111111-222222-333333-444444-555555-666666-777777-888888")),
                        "/drive-manifest.xml", "0123456789ABCDEF0123456789ABCDEF")));

        IOException e = assertThrows(IOException.class, () -> route.create(request));

        assertTrue(e.getMessage().contains("phone, email are empty"), e.getMessage());
        assertFalse(e.getMessage().contains("Connect"), "refused before any call: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
