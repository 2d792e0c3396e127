package org.seedbench.ui.tests;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.swt.widgets.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.Shipment;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;

/**
 * The status line follows the selected job: idle, it tells how that job's last step ended, not another job's, and
 * drops the line once shipping details entered since make it old.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class StatusLineTest extends UiTestBase {

    @Test
    void tellsTheSelectedJobsLastStepUntilItsShippingDetailsAreIn() throws Exception {
        String job = Fixtures.uniqueName("status");
        String other = Fixtures.uniqueName("other");
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("src"), 1, 1000, 6));
        Fixtures.createJob(catalogs, other, tmp.resolve("staging2"), tmp.resolve("src"));
        String serial = "SB-" + job.toUpperCase();
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            JobsInEveryState.toCreating(catalog, job);
            catalog.putDrive(new Drive(job, serial, "Contoso SSD", "SATA", "SSD", 1_000_000_000L, 4_000_000L,
                    "portable", null, "drive-manifest.xml", "00ff", DriveState.SPECIFIED, 0));
        }
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(job, "Creating");
        jobs.waitForState(other, "Draft");
        jobs.run(job, SeedbenchUi.TOOLITEM_REFRESH); // ends one way or the other: the line tells how
        ui.joinJobs(job);
        Label line = ui.widget(Label.class, SeedbenchUi.ID_PROGRESS);
        ui.waitUntil("the status line tells the refresh of " + job, () -> line.getText().contains(job));
        jobs.select(other);
        ui.waitUntil("the status line leaves " + job + " when " + other + " is selected", () -> !line.getText()
                .contains(job));
        jobs.select(job);
        ui.waitUntil("the status line tells " + job + " again", () -> line.getText().contains(job));
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            catalog.putShipment(new Shipment(job, "FedEx", "1Z-" + job, LocalDate.now(), List.of(serial),
                    "Contoso IT, 1 Main St, Redmond", "FX-123"));
        }
        ui.waitUntil("the status line drops the old line once the shipping details are in",
                () -> !line.getText().contains(job));
    }
}
