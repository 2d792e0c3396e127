package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.seedbench.ui.CatalogPreference;
import org.seedbench.ui.SeedbenchUi;

/**
 * The catalog the workbench works on: {@code -Dseedbench.catalog}, else {@code SEEDBENCH_CATALOG}, else the
 * preferences' URL, else the embedded catalog (null); only a PostgreSQL catalog tells of its changes, so only it is
 * not read again every few seconds. A URL is shown with its password masked.
 */
class CatalogUrlTest {
    private static final String PG = "jdbc:postgresql://db.example.com/seedbench?user=alice";
    private static final String ENV = "jdbc:postgresql://env.example.com/seedbench";
    private static final String FILE = "jdbc:h2:file:/srv/seedbench/catalog";

    @Test
    void thePropertyThenTheEnvironmentThenThePreferenceNameTheCatalog() {
        assertNull(SeedbenchUi.catalogUrl(null, Map.of(), null), "the embedded catalog");
        assertNull(SeedbenchUi.catalogUrl(" ", Map.of(), " "));
        assertEquals(PG, SeedbenchUi.catalogUrl(null, Map.of(), PG + " "));
        assertEquals(ENV, SeedbenchUi.catalogUrl(null, Map.of("SEEDBENCH_CATALOG", ENV), PG));
        assertEquals(FILE, SeedbenchUi.catalogUrl(FILE, Map.of("SEEDBENCH_CATALOG", ENV), PG));
    }

    @Test
    void onlyAPostgreSqlCatalogIsHeardInsteadOfRead() {
        assertTrue(SeedbenchUi.notifies(PG));
        assertFalse(SeedbenchUi.notifies(FILE));
        assertFalse(SeedbenchUi.notifies(null));
    }

    @Test
    void aPasswordInAUrlOrAMessageIsMasked() {
        assertEquals("jdbc:postgresql://db/seedbench?user=a&password=…&ssl=true",
                CatalogPreference.mask("jdbc:postgresql://db/seedbench?user=a&password=hunter2&ssl=true"));
        assertEquals("cannot reach jdbc:postgresql://alice:…@db/seedbench: refused",
                CatalogPreference.mask("cannot reach jdbc:postgresql://alice:hunter2@db/seedbench: refused"));
    }
}
