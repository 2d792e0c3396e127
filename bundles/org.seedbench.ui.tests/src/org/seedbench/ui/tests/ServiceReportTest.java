package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.Shipment;
import org.seedbench.ui.parts.ShippingPart;
import org.seedbench.ui.testsupport.DrivesViewBot;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.testsupport.ShippingViewBot;
import org.seedbench.workflow.ImportJobView;

/**
 * What the import service last said of a job, as the Refresh action hands it to the views (the application
 * context's {@link ImportJobView}): a state Seedbench has no counterpart for ({@code DevicePrepared}) is shown as the
 * service spelled it, never as one of Seedbench's, and the job keeps its state; each drive's own state and copy
 * status, the job's ship-to address, return package and error are shown. A job of an older catalog shows its free
 * text return address marked as such, with the return carrier and account.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class ServiceReportTest extends UiTestBase {

    @Test
    void aStateWithoutCounterpartIsShownAsTheServiceSpelledIt() throws Exception {
        String job = Fixtures.uniqueName("prepared");
        String serial = "SB-" + job;
        shippingJob(job, serial);
        String shipTo = "Microsoft Data Box\nAzure Datacenter DUB07\nDublin D24 PXD3\nIreland";
        CloudJobStatus reported = new CloudJobStatus(job, null, 40, 4_000_000, List.of(new DriveStatus(serial, null,
                40, 4_000_000, null, null, "AwaitingReview", "InProgress", null, null)), null, "DevicePrepared",
                shipTo, "UPS 1Z-RETURN-7", "DiskNotReadable: the disk could not be read (details: Disk1: bad sector)");
        ImportJobView view = new ImportJobView(job, JobState.SHIPPING, null, 40, 4_000_000, null, null, null,
                List.of(), List.of(), reported);

        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(job, "Shipping");
        ui.run(() -> ui.application().getContext().set(ImportJobView.class, view));
        jobs.waitForCell(job, "Import job", "DevicePrepared 40%");
        assertEquals("Shipping", jobs.state(job), "a state without counterpart takes the job nowhere");
        ui.waitUntil("the notification line gives the service's error", () -> jobs.notification().contains(
                job + ": the import service reports an error: DiskNotReadable: the disk could not be read (details: "
                        + "Disk1: bad sector)"));

        jobs.select(job);
        DrivesViewBot drives = new DrivesViewBot(ui);
        drives.waitForCell(serial, "Service state", "AwaitingReview");
        assertEquals("InProgress", drives.cell(serial, "Copy status").orElseThrow());
        assertEquals("Specified", drives.cell(serial, DrivesViewBot.STATE).orElseThrow());

        ShippingViewBot shipping = new ShippingViewBot(ui);
        shipping.waitForField("datacenter", shipTo);
        assertEquals("UPS 1Z-RETURN-7", shipping.field("returnPackage"));
        assertEquals("DiskNotReadable: the disk could not be read (details: Disk1: bad sector)",
                shipping.field("serviceError"));
    }

    @Test
    void theFreeTextOfAnOlderCatalogIsMarkedWithTheReturnCarrier() throws Exception {
        String job = Fixtures.uniqueName("legacy");
        shippingJob(job, "SB-" + job);
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(job, "Shipping");
        jobs.select(job);
        ShippingViewBot shipping = new ShippingViewBot(ui);
        shipping.waitForField("tracking", "1Z-" + job);
        assertEquals(ShippingPart.LEGACY_MARK + "\nContoso IT, 1 Main St, Redmond", shipping.field("returnAddress"));
        assertEquals("FedEx, account FX-123", shipping.field("returnCarrier"));
        assertTrue(shipping.field("returnPackage").isEmpty());
    }

    @Test
    void aStructuredAddressIsShownLineByLine() {
        assertEquals("Contoso IT\n1 Main Street\nBuilding 4\nDublin, Leinster D02 X285\nIreland (IE)\n"
                + "Phone +353 1 555 0100\nEmail it@contoso.com", ShippingPart.lines(new ReturnAddress("Contoso IT",
                        "1 Main Street", "Building 4", "Dublin", "Leinster", "D02 X285", "IE", "+353 1 555 0100",
                        "it@contoso.com", "Contoso IT, 1 Main St, Redmond")));
        assertEquals("", ShippingPart.lines(ReturnAddress.NONE));
    }

    /** A job whose drive was shipped with a package of an older catalog (its return address free text). */
    private void shippingJob(String job, String serial) throws Exception {
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("src"), 1, 1000, 3));
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            for (JobState s : List.of(JobState.STAGING, JobState.STAGED, JobState.PREPARING_DRIVES,
                    JobState.DRIVES_READY, JobState.CREATING)) {
                catalog.moveJob(job, s, "test set-up");
            }
            catalog.putDrive(new Drive(job, serial, "Contoso SSD", "SATA", "SSD", 1_000_000_000L, 4_000_000L,
                    "portable", null, "drive-manifest.xml", "00ff", DriveState.SPECIFIED, 0));
            catalog.putShipment(new Shipment(job, "FedEx", "1Z-" + job, LocalDate.now(), List.of(serial),
                    "Contoso IT, 1 Main St, Redmond", "FX-123"));
            catalog.moveJob(job, JobState.SHIPPING, "test set-up");
        }
    }
}
