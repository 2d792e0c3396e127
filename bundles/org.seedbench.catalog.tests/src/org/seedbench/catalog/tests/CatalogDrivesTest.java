package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.rules.IllegalTransitionException;

class CatalogDrivesTest extends CatalogTestBase {
    @TempDir
    Path data;

    private Catalog catalog;

    @BeforeEach
    void createJobs() throws Exception {
        catalog = open(data);
        catalog.createJob(SampleJobs.job("seed-fs01"));
        catalog.createJob(SampleJobs.job("seed-fs02", SampleJobs.CREATED.plusSeconds(60)));
    }

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    @Test
    void drivesAreListedAsAddedWithEveryField() {
        Drive first = new Drive("seed-fs01", "WD-WCC4E1", "WD Red 4TB", "SATA", "HDD", 4_000_787_030_016L,
                1_234_567L, "bitlocker", "securestore:seed-fs01/WD-WCC4E1", "WD-WCC4E1.xml",
                "A1B2C3D4E5F60718293A4B5C6D7E8F90", DriveState.SPECIFIED, 42);
        Drive second = SampleJobs.drive("seed-fs01", "S3Z9NB0K");

        assertEquals(first, catalog.putDrive(first));
        catalog.putDrive(second);

        assertEquals(List.of(first, second), catalog.drives("seed-fs01"));
        assertEquals(List.of(), catalog.drives("seed-fs02"));
        assertEquals(List.of("job.created", "drive.added", "drive.added"), kinds("seed-fs01"));
    }

    @Test
    void aDriveWithTheSameSerialIsReplacedInPlace() {
        catalog.putDrive(SampleJobs.drive("seed-fs01", "A"));
        catalog.putDrive(SampleJobs.drive("seed-fs01", "B"));
        Drive copied = new Drive("seed-fs01", "A", "WD Red Plus 4TB", "SATA", "HDD", 4_000_787_030_016L,
                3_500_000_000_000L, "portable", "keyfile:A", "A.xml", "00FF", DriveState.SPECIFIED, 100);

        catalog.putDrive(copied);

        assertEquals(List.of(copied, SampleJobs.drive("seed-fs01", "B")), catalog.drives("seed-fs01"));
        assertEquals(List.of("job.created", "drive.added", "drive.added", "drive.updated"), kinds("seed-fs01"));
    }

    @Test
    void drivesMoveAlongTheirStatesAndIllegalMovesChangeNothing() {
        catalog.putDrive(SampleJobs.drive("seed-fs01", "A"));

        Drive received = catalog.moveDrive("seed-fs01", "A", DriveState.RECEIVED, "at the datacenter");
        catalog.moveDrive("seed-fs01", "A", DriveState.TRANSFERRING, null);
        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> catalog.moveDrive("seed-fs01", "A", DriveState.SHIPPED_BACK, "too early"));

        assertEquals(DriveState.RECEIVED, received.state());
        assertEquals("drive A cannot go from Transferring to ShippedBack; "
                + "from Transferring it can go to Completed, CompletedMoreInfo", refused.getMessage());
        assertEquals(DriveState.TRANSFERRING, catalog.drives("seed-fs01").get(0).state());
        List<JobEvent> events = catalog.events("seed-fs01");
        assertEquals(List.of("drive A: Specified → Received: at the datacenter",
                "drive A: Received → Transferring"),
                events.subList(2, events.size()).stream().map(JobEvent::detail).toList());
    }

    @Test
    void aDriveOfAJobThatDoesNotExistIsRefused() {
        assertThrows(NoSuchElementException.class,
                () -> catalog.putDrive(SampleJobs.drive("seed-none", "A")));
        assertThrows(NoSuchElementException.class,
                () -> catalog.moveDrive("seed-fs01", "NOPE", DriveState.RECEIVED, null));
        assertEquals(List.of(), catalog.allDrives());
    }

    @Test
    void aDriveWithoutSerialIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> catalog.putDrive(SampleJobs.drive("seed-fs01", " ")));

        assertEquals("drive of job seed-fs01 has no serial number; give the serial the copy computer reports",
                refused.getMessage());
        assertEquals(List.of(), catalog.allDrives());
    }

    @Test
    void allDrivesListsTheDrivesOfEveryJob() {
        catalog.putDrive(SampleJobs.drive("seed-fs02", "B"));
        catalog.putDrive(SampleJobs.drive("seed-fs01", "A"));
        catalog.putDrive(SampleJobs.drive("seed-fs02", "A"));

        assertEquals(List.of(SampleJobs.drive("seed-fs01", "A"), SampleJobs.drive("seed-fs02", "B"),
                SampleJobs.drive("seed-fs02", "A")), catalog.allDrives());
    }

    private List<String> kinds(String job) {
        return catalog.events(job).stream().map(JobEvent::kind).toList();
    }
}
