package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.ShippingRules;

class CatalogShipmentTest extends CatalogTestBase {
    private static final LocalDate SHIPPED = LocalDate.of(2024, 11, 22);
    private static final String RETURN_ADDRESS = "Contoso Ltd\nAttn: IT\n1 Main Street\nSpringfield";

    @TempDir
    Path data;

    private Catalog catalog;

    @BeforeEach
    void createJobsWithDrives() throws Exception {
        catalog = open(data);
        catalog.createJob(SampleJobs.job("seed-a"));
        catalog.createJob(SampleJobs.job("seed-b", SampleJobs.CREATED.plusSeconds(60)));
        catalog.putDrive(SampleJobs.drive("seed-a", "A-1"));
        catalog.putDrive(SampleJobs.drive("seed-a", "A-2"));
        catalog.putDrive(SampleJobs.drive("seed-b", "B-1"));
    }

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    @Test
    void aShipmentComesBackExactlyAndIsLogged() throws Exception {
        Shipment shipment = new Shipment("seed-a", "UPS", "1Z999AA10123456784", SHIPPED, List.of("A-2", "A-1"),
                RETURN_ADDRESS, "UPS-ACCT-0042");

        assertEquals(shipment, catalog.putShipment(shipment));

        assertEquals(Optional.of(shipment), catalog.shipment("seed-a"));
        assertEquals(Optional.empty(), catalog.shipment("seed-b"));
        JobEvent last = last("seed-a");
        assertEquals("shipment.updated", last.kind());
        assertEquals("shipment recorded: UPS 1Z999AA10123456784, 2 drives (A-2, A-1)", last.detail());
    }

    @Test
    void aShipmentWithoutDateOrDrivesComesBackExactly() throws Exception {
        Shipment shipment = new Shipment("seed-a", "DHL", "JD014600006281230704", null, List.of(), (String) null, null);

        catalog.putShipment(shipment);

        assertEquals(Optional.of(shipment), catalog.shipment("seed-a"));
    }

    @Test
    void aTrackingNumberOfAnotherJobIsRefused() throws Exception {
        catalog.putShipment(new Shipment("seed-a", "UPS", "1Z-SAME", SHIPPED, List.of("A-1"), (String) null, null));
        List<JobEvent> before = catalog.events("seed-b");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> catalog.putShipment(
                new Shipment("seed-b", "UPS", "1Z-SAME", SHIPPED, List.of("B-1"), (String) null, null)));

        assertEquals(List.of(new Problem(ShippingRules.TRACKING, "1Z-SAME", "already belongs to another job",
                "a tracking number that belongs to this job only")), refused.problems());
        assertEquals(Optional.empty(), catalog.shipment("seed-b"));
        assertEquals(before, catalog.events("seed-b"));
    }

    @Test
    void drivesOfAnotherJobAreRefused() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> catalog.putShipment(
                new Shipment("seed-b", "FedEx", "7777", SHIPPED, List.of("B-1", "A-1"), (String) null, null)));

        assertEquals(List.of(ShippingRules.DRIVES), refused.problems().stream().map(Problem::field).toList());
        assertEquals("A-1", refused.problems().get(0).value());
        assertEquals("belongs to another job", refused.problems().get(0).problem());
        assertEquals(Optional.empty(), catalog.shipment("seed-b"));
    }

    @Test
    void aDriveTheJobDoesNotHaveIsRefused() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> catalog.putShipment(
                new Shipment("seed-a", "FedEx", "7777", SHIPPED, List.of("A-1", "X-9"), (String) null, null)));

        assertEquals("drives 'X-9': is not a drive of job seed-a (allowed: A-1, A-2)", refused.getMessage());
    }

    @Test
    void aMissingCarrierAndTrackingNumberAreBothNamed() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> catalog.putShipment(
                new Shipment("seed-a", " ", null, SHIPPED, List.of("A-1"), (String) null, null)));

        assertEquals(List.of(ShippingRules.CARRIER, ShippingRules.TRACKING),
                refused.problems().stream().map(Problem::field).toList());
    }

    @Test
    void aNewShipmentReplacesTheEarlierOneAndFreesItsTrackingNumber() throws Exception {
        catalog.putShipment(new Shipment("seed-a", "UPS", "OLD-1", SHIPPED, List.of("A-1"), (String) null, null));
        Shipment corrected = new Shipment("seed-a", "UPS", "NEW-1", SHIPPED.plusDays(1), List.of("A-1", "A-2"),
                RETURN_ADDRESS, null);

        catalog.putShipment(corrected);
        Shipment other = new Shipment("seed-b", "UPS", "OLD-1", SHIPPED, List.of("B-1"), (String) null, null);
        catalog.putShipment(other);

        assertEquals(Optional.of(corrected), catalog.shipment("seed-a"));
        assertEquals(Optional.of(other), catalog.shipment("seed-b"));
        assertEquals("shipment updated: UPS NEW-1, 2 drives (A-1, A-2)", last("seed-a").detail());
    }

    @Test
    void aDriveUsedAgainInALaterJobMayShipWithIt() throws Exception {
        catalog.putDrive(SampleJobs.drive("seed-b", "A-1"));

        catalog.putShipment(new Shipment("seed-b", "UPS", "1Z-B", SHIPPED, List.of("B-1", "A-1"), (String) null, null));

        assertEquals(List.of("B-1", "A-1"), catalog.shipment("seed-b").orElseThrow().driveSerials());
    }

    @Test
    void aShipmentOfAJobThatDoesNotExistIsRefused() {
        assertThrows(NoSuchElementException.class, () -> catalog.putShipment(
                new Shipment("seed-none", "UPS", "1Z-N", SHIPPED, List.of(), (String) null, null)));
    }

    @Test
    void returnDetailsBelongToTheJobAndTheShipmentShowsThem() throws Exception {
        ReturnAddress address = new ReturnAddress("Dana Admin", "1 Main Street", "Building 4", "Springfield", "IL",
                "62701", "US", "+1 217 555 0100", "dana@contoso.example");
        ReturnShipping shipping = new ReturnShipping("FedEx", "FDX-123456");

        catalog.putReturnDetails("seed-a", new ReturnDetails(address, shipping));

        assertEquals(Optional.of(new ReturnDetails(address, shipping)), catalog.returnDetails("seed-a"));
        assertEquals(Optional.empty(), catalog.returnDetails("seed-b"));
        assertEquals("job.return", last("seed-a").kind());
        assertEquals("return details recorded: Dana Admin, 1 Main Street, Building 4, Springfield, IL 62701, US, "
                + "+1 217 555 0100, dana@contoso.example; return carrier FedEx, account FDX-123456",
                last("seed-a").detail());

        catalog.putShipment(new Shipment("seed-a", "UPS", "1Z-R", SHIPPED, List.of("A-1"), address, shipping));
        Shipment read = catalog.shipment("seed-a").orElseThrow();
        assertEquals(address, read.returnAddress());
        assertEquals(shipping, read.returnShipping());
        assertEquals("shipment.updated", last("seed-a").kind(), "the same details again record nothing new");
    }

    @Test
    void returnDetailsOfAJobThatDoesNotExistAreRefused() {
        assertThrows(NoSuchElementException.class,
                () -> catalog.putReturnDetails("seed-none", ReturnDetails.NONE));
    }

    private JobEvent last(String job) {
        List<JobEvent> events = catalog.events(job);
        return events.get(events.size() - 1);
    }
}
