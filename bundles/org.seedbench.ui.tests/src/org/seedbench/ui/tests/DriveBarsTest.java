package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.ui.parts.TripCells;
import org.seedbench.ui.testsupport.DrivesViewBot;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;

/**
 * The Drives view draws a fill bar behind each drive's Used (of its capacity) and Copied (how far the copy has come),
 * and keeps the columns' text.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class DriveBarsTest extends UiTestBase {

    @Test
    void fillBarsMatchUsedOfCapacityAndTheCopy() throws Exception {
        String job = Fixtures.uniqueName("bars");
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("src"), 1, 1000, 9));
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            for (JobState s : List.of(JobState.STAGING, JobState.STAGED, JobState.PREPARING_DRIVES)) {
                catalog.moveJob(job, s, "test set-up");
            }
            catalog.putDrive(new Drive(job, "BAR-1", "Contoso SSD", "SATA", "SSD", 2_000_000_000L, 500_000_000L,
                    "portable", null, "drive-manifest.xml", "00ff", DriveState.SPECIFIED, 60));
            catalog.putDrive(new Drive(job, "BAR-2", "Contoso HDD", "SATA", "HDD", 4_000_000_000_000L,
                    3_600_000_000_000L, "portable", null, "drive-manifest.xml", "00fe", DriveState.SPECIFIED, 0));
        }
        new JobsViewBot(ui).select(job);
        DrivesViewBot drives = new DrivesViewBot(ui);
        drives.waitForCell("BAR-2", "Used", "3.6 TB");
        assertEquals("500 MB", drives.cell("BAR-1", "Used").orElseThrow(), "the text stays over the bar");
        assertEquals(0.25, fraction(drives, "BAR-1", TripCells.USED_COLUMN), 1e-9);
        assertEquals(0.9, fraction(drives, "BAR-2", TripCells.USED_COLUMN), 1e-9);
        assertEquals("60%", drives.cell("BAR-1", TripCells.COPIED_COLUMN).orElseThrow());
        assertEquals(0.6, fraction(drives, "BAR-1", TripCells.COPIED_COLUMN), 1e-9);
        assertEquals(0.0, fraction(drives, "BAR-2", TripCells.COPIED_COLUMN), 1e-9);
    }

    private static double fraction(DrivesViewBot drives, String serial, String column) {
        return ui.syncExec(() -> {
            for (TableItem item : drives.table().getItems()) {
                if (item.getText(0).equals(serial)) {
                    return (Double) item.getData(TripCells.DATA_FRACTION + column);
                }
            }
            throw new AssertionError("no drive " + serial);
        });
    }
}
