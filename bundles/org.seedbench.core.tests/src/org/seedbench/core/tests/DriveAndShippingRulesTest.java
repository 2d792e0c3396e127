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

    private static Shipment shipment(String tracking, LocalDate date, String... serials) {
        return new Shipment("seed-fs01", "FedEx", tracking, date, List.of(serials), "1 Main St", "FX-1");
    }

    @Test
    void aShipDateInTheFutureOrMoreThanAWeekAgoIsRefusedWithTheWindow() {
        LocalDate today = LocalDate.of(2026, 12, 7);
        assertEquals(List.of(), ShippingRules.checkShipDate(today, today));
        assertEquals(List.of(), ShippingRules.checkShipDate(today.minusDays(7), today));
        assertEquals(List.of(), ShippingRules.checkShipDate(today.plusDays(1), today), "today east of UTC");
        assertEquals("ship date '2030-01-01': is in the future (allowed: a date from 2026-11-30 to today, 2026-12-07 "
                + "(UTC))", ShippingRules.checkShipDate(LocalDate.of(2030, 1, 1), today).get(0).message());
        assertEquals("ship date '2020-01-01': is more than 7 days ago (allowed: a date from 2026-11-30 to today, "
                + "2026-12-07 (UTC))", ShippingRules.checkShipDate(LocalDate.of(2020, 1, 1), today).get(0).message());
    }

    @Test
    void anotherPackageForAJobWithOneNeedsReplace() {
        LocalDate d = LocalDate.of(2026, 12, 7);
        Shipment first = shipment("1Z-1", d, "SB-0001", "SB-0002");
        assertEquals(List.of(), ShippingRules.checkReplace(null, first, false));
        assertEquals(List.of(), ShippingRules.checkReplace(first, shipment("1Z-1", d, "SB-0002", "SB-0001"), false),
                "the same package again, drives in another order");
        List<Problem> p = ShippingRules.checkReplace(first, shipment("1Z-1", d, "SB-0001"), false);
        assertEquals("package: job seed-fs01 already has a package: 2 drives (SB-0001, SB-0002) with FedEx, tracking "
                + "1Z-1, shipped 2026-12-07 (allowed: the same details again, or say that the new package replaces it "
                + "(ship --replace))", p.get(0).message());
        assertEquals(List.of(), ShippingRules.checkReplace(first, shipment("1Z-2", d, "SB-0001"), true));
        Shipment otherReturn = new Shipment("seed-fs01", "FedEx", "1Z-1", d, List.of("SB-0001", "SB-0002"),
                "2 Side St", "UPS-9");
        assertTrue(ShippingRules.samePackage(first, otherReturn), "the return details are the job's, not the package's");
        assertEquals(List.of(), ShippingRules.checkReplace(first, otherReturn, false));
    }

    @Test
    void aTrackingNumberWithALineBreakIsRefusedAndShownEscaped() {
        List<Problem> p = ShippingRules.checkShipment(shipment("1Z-1\nrm -rf /\u001b[2J", null), List.of(),
                List.of(), List.of());
        assertEquals(1, p.size(), p.toString());
        String message = p.get(0).message();
        assertTrue(message.startsWith("tracking number '1Z-1\\nrm -rf /\\u001b[2J': holds a line break"), message);
        assertFalse(message.chars().anyMatch(Character::isISOControl), message);
    }
}
