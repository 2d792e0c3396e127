package org.seedbench.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.DriveRules;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.core.rules.Sizes;

class DriveAndShippingRulesTest {

    private static Drive drive(String transport, String media, long capacity) {
        return new Drive("seed-fs01", "SB-0001", "WD Red", transport, media, capacity, 0, null, null, null, null,
                null, 0);
    }

    @Test
    void aSataDriveOfTenTerabytesIsAccepted() {
        assertEquals(List.of(), DriveRules.checkDrive(drive("SATA", "HDD", 10_000_000_000_000L), null));
    }

    @Test
    void aTwelveTerabyteDriveIsRefusedWithItsSize() {
        List<Problem> p = DriveRules.checkDrive(drive("SATA", "HDD", Sizes.parse("12T")), null);
        assertEquals("drive 'SB-0001': holds 12.0 TB (allowed: at most 10 TB per drive)", p.get(0).message());
    }

    @Test
    void nvmeAndUsbSticksAreRefusedButAUsbAdaptorIsAllowedAndSaidSo() {
        assertFalse(DriveRules.checkDrive(drive("NVMe", "SSD", 1_000_000_000_000L), null).isEmpty());
        assertFalse(DriveRules.checkDrive(drive("USB", "FLASH", 64_000_000_000L), null).isEmpty());
        List<String> notes = new ArrayList<>();
        assertEquals(List.of(), DriveRules.checkDrive(drive("USB", "HDD", 4_000_000_000_000L), notes));
        assertTrue(notes.get(0).contains("USB adaptor"));
    }

    @Test
    void atMostTenDrivesPerJob() {
        assertEquals(List.of(), DriveRules.checkDriveCount(10));
        assertTrue(DriveRules.checkDriveCount(11).get(0).message().contains("at most 10 drives per import job"));
    }

    @Test
    void sizesParseAsDrivesAreSold() {
        assertEquals(2_000_000_000L, Sizes.parse("2G"));
        assertEquals(1_200_000_000L, Sizes.parse("1.2GB"));
        assertEquals(1L << 30, Sizes.parse("1GiB"));
        assertEquals("1.2 GB", Sizes.decimal(1_200_000_000L));
    }

    @Test
    void shippingDeadlineCountsDownAndWarnsFromFourDaysLeft() {
        Instant created = Instant.parse("2026-11-01T10:00:00Z");
        Deadline fresh = ShippingRules.deadline(created, created.plus(Duration.ofHours(1)));
        assertEquals(14, fresh.daysLeft());
        assertFalse(fresh.warn());
        Deadline elevenDaysOld = ShippingRules.deadline(created, created.plus(Duration.ofDays(11)));
        assertEquals(3, elevenDaysOld.daysLeft());
        assertTrue(elevenDaysOld.warn());
        Deadline day15 = ShippingRules.deadline(created, created.plus(Duration.ofDays(14)).plusSeconds(1));
        assertTrue(day15.expired());
        assertTrue(day15.describe().startsWith("expired"));
    }

    @Test
    void aTrackingNumberAndADriveBelongToOneJobOnly() {
        Shipment s = new Shipment("seed-fs02", "FedEx", "1Z999", LocalDate.of(2026, 11, 20),
                List.of("SB-0003", "SB-0001"), "1 Main St", "FX-1");
        List<Problem> p = ShippingRules.checkShipment(s, List.of("SB-0003"), List.of("1Z999"), List.of("SB-0001"));
        assertEquals(List.of("tracking number", "drives"), p.stream().map(Problem::field).toList());
        assertTrue(p.get(1).message().contains("one package carries the drives of one import job only"));
    }

    @Test
    void secretsNeverShowInText() {
        try (Secret s = Secret.of("123456-123456-123456-123456-123456-123456-123456-123456")) {
            assertEquals("******", s.toString());
            assertFalse(String.valueOf(List.of(s)).contains("123456"));
        }
    }
}
