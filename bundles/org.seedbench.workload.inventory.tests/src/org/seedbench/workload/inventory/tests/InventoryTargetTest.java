package org.seedbench.workload.inventory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.workload.inventory.InventoryTarget;

/** Datasource names follow the inventory after a double colon; single colons stay in paths and names. */
class InventoryTargetTest {

    private static void parses(String target, String inventory, String... datasources) {
        InventoryTarget t = InventoryTarget.parse(target);
        assertEquals(inventory, t.inventory(), target);
        assertEquals(List.of(datasources), t.datasources(), target);
        assertEquals(target, t.format(), "written back as given");
    }

    @Test
    void theInventoryAloneMeansEveryDatasource() {
        parses("/srv/inv/pg.json", "/srv/inv/pg.json");
        parses("C:\\seed\\pg.json", "C:\\seed\\pg.json");
    }

    @Test
    void windowsPathsAndNamesKeepTheirColonsAndBackslashes() {
        parses("C:\\seed\\pg.json::SQL01\\db1::D:\\", "C:\\seed\\pg.json", "SQL01\\db1", "D:\\");
        parses("/srv/pg.json::FS01.contoso.com\\E:\\", "/srv/pg.json", "FS01.contoso.com\\E:\\");
    }

    @Test
    void aNameMayEndWithAColon() {
        parses("/srv/pg.json::C:::SQL01\\db1", "/srv/pg.json", "C:", "SQL01\\db1");
    }

    @Test
    void emptyPartsStayForValidationToRefuse() {
        InventoryTarget t = InventoryTarget.parse("/srv/pg.json::");
        assertEquals(List.of(""), t.datasources());
    }
}
