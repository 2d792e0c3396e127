package org.seedbench.cloud.azure.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every stage (StageName) and copy status (CopyStatus) of Microsoft.DataBox 2022-12-01 read from a job resource: each
 * is printable as the service spells it, only the stages that mean an end map to a terminal state, and a stage
 * Seedbench does not know is never terminal.
 */
class DataBoxStatusTest {
    /** StageName, as the reference lists it. */
    private static final List<String> STAGES = List.of("DeviceOrdered", "DevicePrepared", "Dispatched", "Delivered",
            "PickedUp", "AtAzureDC", "DataCopy", "Completed", "CompletedWithErrors", "Cancelled",
            "Failed_IssueReportedAtCustomer", "Failed_IssueDetectedAtAzureDC", "Aborted", "CompletedWithWarnings",
            "ReadyToDispatchFromAzureDC", "ReadyToReceiveAtAzureDC", "Created", "ShippedToAzureDC",
            "AwaitingShipmentDetails", "PreparingToShipFromAzureDC", "ShippedToCustomer");
    /** The stages after which nothing more happens to the data: only these may be terminal. */
    private static final Set<String> ENDS = Set.of("Completed", "CompletedWithErrors", "CompletedWithWarnings",
            "Cancelled", "ShippedToCustomer");
    /** Stages of Microsoft-supplied devices and failures: no Seedbench state means the same. */
    private static final Set<String> WITHOUT_COUNTERPART = Set.of("DevicePrepared", "Dispatched", "Delivered", "PickedUp",
            "ReadyToReceiveAtAzureDC", "Failed_IssueReportedAtCustomer", "Failed_IssueDetectedAtAzureDC", "Aborted");
    /** CopyStatus, as the reference lists it. */
    private static final List<String> COPY_STATUSES = List.of("NotStarted", "InProgress", "Completed",
            "CompletedWithErrors", "Failed", "NotReturned", "HardwareError", "DeviceFormatted", "DeviceMetadataModified",
            "StorageAccountNotAccessible", "UnsupportedData", "DriveNotReceived", "UnsupportedDrive",
            "OtherServiceError", "OtherUserError", "DriveNotDetected", "DriveCorrupted", "MetadataFilesModifiedOrRemoved");
    private static final Set<JobState> TERMINAL = EnumSet.of(JobState.COMPLETED, JobState.COMPLETED_WITH_ERRORS,
            JobState.CLOSED, JobState.CANCELLED, JobState.EXPIRED);

    private static ObjectNode job(String stage) {
        ObjectNode job = ManagementClient.json().createObjectNode().put("name", "db-job");
        job.putObject("properties").put("status", stage);
        return job;
    }

    @Test
    void everyStageIsPrintableAndOnlyAnEndIsTerminal() {
        for (String stage : STAGES) {
            CloudJobStatus status = DataBoxRoute.describe(job(stage));
            assertEquals(stage, status.serviceStateText(), "printed as the service spells it");
            if (WITHOUT_COUNTERPART.contains(stage)) {
                assertNull(status.serviceState(), stage + " has no Seedbench counterpart");
            }
            if (status.serviceState() != null && TERMINAL.contains(status.serviceState())) {
                assertTrue(ENDS.contains(stage), stage + " is taken for an end: " + status.serviceState());
            }
        }
        assertEquals(JobState.CREATING, DataBoxRoute.describe(job("DeviceOrdered")).serviceState());
        assertEquals(JobState.SHIPPING, DataBoxRoute.describe(job("ShippedToAzureDC")).serviceState());
        assertEquals(JobState.RECEIVED, DataBoxRoute.describe(job("AtAzureDC")).serviceState());
        assertEquals(JobState.TRANSFERRING, DataBoxRoute.describe(job("DataCopy")).serviceState());
        assertEquals(JobState.COMPLETED, DataBoxRoute.describe(job("Completed")).serviceState());
        assertEquals(JobState.CLOSED, DataBoxRoute.describe(job("ShippedToCustomer")).serviceState());
    }

    @Test
    void aStageTheReferenceDoesNotListIsShownAndNotTerminal() {
        CloudJobStatus status = DataBoxRoute.describe(job("ReturnedToSender"));
        assertNull(status.serviceState());
        assertEquals("ReturnedToSender", status.serviceStateText());
        assertEquals(0, status.percentComplete());
    }

    @Test
    void everyCopyStatusIsPrintableWithItsProgress() {
        ObjectNode job = job("DataCopy");
        ObjectNode details = ((ObjectNode) job.path("properties")).putObject("details");
        ObjectNode disks = details.putObject("importDiskDetailsCollection");
        var progress = details.putArray("copyProgress");
        for (int i = 0; i < COPY_STATUSES.size(); i++) {
            String serial = "SB-" + i;
            disks.putObject(serial).put("manifestFile", "\\DriveManifest.xml");
            progress.addObject().put("serialNumber", serial).put("copyStatus", COPY_STATUSES.get(i))
                    .put("bytesProcessed", 25L * (i + 1)).put("totalBytesToProcess", 100L * (i + 1));
        }
        details.putArray("copyLogDetails").addObject().put("copyLogDetailsType", "DataBoxCustomerDisk")
                .put("serialNumber", "SB-2").put("errorLogLink", "https://example.invalid/error.xml")
                .put("verboseLogLink", "https://example.invalid/verbose.xml");

        CloudJobStatus status = DataBoxRoute.describe(job);

        assertEquals(COPY_STATUSES.size(), status.drives().size());
        for (int i = 0; i < COPY_STATUSES.size(); i++) {
            DriveStatus drive = status.drives().get(i);
            assertEquals(COPY_STATUSES.get(i), drive.copyStatus());
            assertEquals(COPY_STATUSES.get(i), drive.stateText(), "printed as the service spells it");
            assertEquals(25, drive.percentComplete(), drive.serial());
            assertEquals(25L * (i + 1), drive.bytesCopied());
        }
        assertEquals(DriveState.TRANSFERRING, status.drives().get(1).state());
        assertEquals(DriveState.COMPLETED, status.drives().get(2).state());
        assertEquals(DriveState.NEVER_RECEIVED, status.drives().get(11).state());
        assertNull(status.drives().get(4).state(), "a failed copy has no Seedbench counterpart");
        assertEquals("https://example.invalid/verbose.xml", status.drives().get(2).verboseLogUri());
        assertEquals("https://example.invalid/error.xml", status.drives().get(2).errorLogUri());
        assertEquals(25, status.percentComplete());
    }

    @Test
    void theDatacenterAddressReturnPackageAndErrorComeFromTheJob() {
        ObjectNode job = job("ShippedToCustomer");
        ObjectNode properties = (ObjectNode) job.path("properties");
        properties.putObject("error").put("code", "DiskIssue").put("message", "one disk was damaged");
        ObjectNode details = properties.putObject("details");
        details.putObject("datacenterAddress").put("datacenterAddressType", "DatacenterAddressLocation")
                .put("contactPersonName", "Azure Data Box").put("street1", "1 Datacenter Way").put("city", "Amsterdam")
                .put("zip", "1101").put("country", "NL").put("phone", "+31 20 000 0000");
        details.putObject("returnPackage").put("carrierName", "DHL").put("trackingId", "RET-42");

        CloudJobStatus status = DataBoxRoute.describe(job);

        assertEquals("Azure Data Box\n1 Datacenter Way\nAmsterdam, 1101\nNL\nPhone: +31 20 000 0000", status.shipTo());
        assertEquals("DHL RET-42", status.returnPackage());
        assertEquals("DiskIssue: one disk was damaged", status.error());
        assertNull(DataBoxRoute.describe(job("Created")).shipTo(), "no address without details");
    }
}
