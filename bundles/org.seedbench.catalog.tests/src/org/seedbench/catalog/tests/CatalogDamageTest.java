package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogBackup;
import org.seedbench.catalog.CatalogException;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.SeedingJob;

/**
 * A damaged catalog file is named and never written over; the catalog keeps daily backups of itself and one is put
 * back in its place.
 */
class CatalogDamageTest {
    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    Path data;

    private Path file() {
        return data.resolve("catalog.mv.db");
    }

    private void createJob(String name) throws Exception {
        try (Catalog catalog = new H2CatalogService(WAIT).open(data, SampleJobs.PROGRAM)) {
            catalog.createJob(SampleJobs.job(name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"emptied", "truncated to half", "cut before its last chunk", "header flipped"})
    void aDamagedCatalogFileIsNamedAndNothingIsWritten(String damage) throws Exception {
        createJob("seed-fs01");
        byte[] good = Files.readAllBytes(file());
        byte[] damaged = switch (damage) {
        case "emptied" -> new byte[0];
        case "truncated to half" -> Arrays.copyOf(good, good.length / 2);
        // the database would read the chunk before it, an older state, as if nothing were wrong
        case "cut before its last chunk" -> Arrays.copyOf(good, good.length - 4096);
        default -> {
            byte[] b = good.clone();
            b[0] ^= 0x10; // H2 keeps its header twice: both copies
            b[4096] ^= 0x10;
            yield b;
        }
        };
        Files.write(file(), damaged);

        H2CatalogService service = new H2CatalogService(WAIT);
        CatalogException refused = assertThrows(CatalogException.class, () -> service.open(data).jobs());
        CatalogException again = assertThrows(CatalogException.class, () -> service.open(data).jobs());

        String message = refused.getMessage();
        assertTrue(message.startsWith("catalog file " + file().toAbsolutePath() + " is damaged ("), message);
        assertTrue(message.endsWith("; nothing was written: seedbench catalog backups lists its backups, "
                + "seedbench catalog restore BACKUP puts one back"), message);
        assertFalse(message.contains("\n"), message);
        assertEquals(message, again.getMessage(), "a second open is refused alike");
        assertArrayEquals(damaged, Files.readAllBytes(file()), "the damaged file is left as it was");
    }

    @Test
    void theCatalogBacksItselfUpDailyAndABackupReplacesADamagedFile() throws Exception {
        createJob("seed-fs01");
        H2CatalogService service = new H2CatalogService(WAIT);
        assertEquals(List.of(), service.backups(data), "a new catalog has nothing to back up yet");

        service.open(data).close();
        List<CatalogBackup> backups = service.backups(data);
        assertEquals(1, backups.size(), backups.toString());
        CatalogBackup daily = backups.get(0);
        assertEquals("daily", daily.reason());
        assertTrue(daily.name().matches("catalog-\\d{8}T\\d{6}Z-daily"), daily.name());
        assertTrue(daily.size() > 0);

        new H2CatalogService(WAIT).open(data).close();
        assertEquals(backups, service.backups(data), "one backup a day");

        Files.write(file(), new byte[0]);
        assertThrows(CatalogException.class, () -> service.open(data));
        CatalogException unknown = assertThrows(CatalogException.class, () -> service.restore(data, "catalog-x"));
        assertTrue(unknown.getMessage().startsWith("there is no catalog backup 'catalog-x' in "), unknown.getMessage());

        Optional<Path> replaced = service.restore(data, daily.name());

        assertTrue(replaced.isPresent());
        assertEquals(0, Files.size(replaced.get()), "the damaged file is kept aside, never deleted");
        try (Catalog catalog = service.open(data)) {
            assertEquals(List.of("seed-fs01"), catalog.jobs().stream().map(SeedingJob::name).toList());
            catalog.createJob(SampleJobs.job("seed-fs02"));
        }
    }

    @Test
    void aDamagedBackupIsNotRestored() throws Exception {
        createJob("seed-fs01");
        H2CatalogService service = new H2CatalogService(WAIT);
        service.open(data).close();
        CatalogBackup daily = service.backups(data).get(0);
        Path copy = data.resolve("catalog-backups").resolve(daily.name() + ".mv.db");
        byte[] bytes = Files.readAllBytes(copy);
        // every chunk after the two file headers overwritten (a truncated copy may still hold an older whole chunk)
        Arrays.fill(bytes, 8192, bytes.length, (byte) 0x55);
        Files.write(copy, bytes);
        byte[] current = Files.readAllBytes(file());

        CatalogException refused = assertThrows(CatalogException.class, () -> service.restore(data, daily.name()));

        assertTrue(refused.getMessage().contains("is damaged too"), refused.getMessage());
        assertArrayEquals(current, Files.readAllBytes(file()), "the catalog is left as it was");
    }
}
