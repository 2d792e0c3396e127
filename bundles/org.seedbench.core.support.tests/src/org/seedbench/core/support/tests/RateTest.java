package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.support.bandwidth.Rate;

/** Rates are read as admins type them: bytes in decimal or binary units, bits as links are sold. */
class RateTest {
    @ParameterizedTest
    @CsvSource({ "20MB/s, 20000000", "20MB, 20000000", "20 MB/s, 20000000", "512KiB/s, 524288", "1.5MiB/s, 1572864",
            "100Mbit, 12500000", "100Mbit/s, 12500000", "100Mbps, 12500000", "8Kbit, 1000", "1Gbit, 125000000",
            "2GB/s, 2000000000", "3MBps, 3000000", "1KB/s, 1000", "4000B/s, 4000" })
    void readsTheUnitsAdminsType(String text, long bytesPerSecond) throws InvalidInputException {
        assertEquals(bytesPerSecond, Rate.parse("--limit-upload", text).bytesPerSecond());
    }

    @Test
    void unlimitedIsNoLimit() throws InvalidInputException {
        assertTrue(Rate.parse("--limit-upload", "unlimited").unlimited());
        assertTrue(Rate.parse("--limit-upload", "Unlimited").unlimited());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "fast", "20", "20Mb", "20 XB/s", "-5MB/s", "0MB/s", "999B/s", "20MB/h", "MB/s",
            "1e3MB/s" })
    void refusesWhatIsNotARateWithOneLineNamingTheOptionAndTheForms(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rate.parse("--limit-upload", text));
        assertEquals(1, e.problems().size());
        assertEquals("--limit-upload", e.problems().get(0).field());
        assertTrue(e.problems().get(0).allowed().contains("20MB/s"), e.problems().get(0).allowed());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void keptInPropertiesAsBytesPerSecond() throws InvalidInputException {
        Rate r = Rate.parse("x", "100Mbit");
        assertEquals("12500000", r.stored());
        assertEquals(r, Rate.ofStored(r.stored()));
        assertEquals(Rate.UNLIMITED, Rate.ofStored(Rate.UNLIMITED.stored()));
        assertEquals("12.5 MB/s (100.0 Mbit/s)", r.toString());
    }
}
