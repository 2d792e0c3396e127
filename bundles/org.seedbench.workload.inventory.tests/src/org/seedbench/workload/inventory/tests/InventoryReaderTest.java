package org.seedbench.workload.inventory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seedbench.workload.inventory.DatasourceType;
import org.seedbench.workload.inventory.Inventory;
import org.seedbench.workload.inventory.InventoryException;
import org.seedbench.workload.inventory.InventoryReader;
import org.seedbench.workload.inventory.Product;

/** The inventory reader takes the schema of INVENTORY.md and refuses anything else with one line. */
class InventoryReaderTest {
    static final String GOOD = """
            {
              "schema": "seedbench.protection-group-inventory",
              "schemaVersion": 1,
              "product": "DPM",
              "productVersion": "10.22.123.0",
              "server": "DPM01.contoso.com",
              "exported": "2026-12-01T22:00:00Z",
              "protectionGroup": {
                "name": "PG-SQL",
                "datasources": [
                  { "name": "SQL01\\\\db1", "type": "SqlDatabase", "computer": "SQL01.contoso.com",
                    "sizeBytes": 53687091200, "replicaPath": "replicas/db1",
                    "latestRecoveryPoint": "2026-12-01T21:30:00Z" },
                  { "name": "D:\\\\", "type": "Volume", "computer": "FS01.contoso.com",
                    "sizeBytes": 0, "replicaPath": "/srv/replicas/d", "latestRecoveryPoint": null }
                ]
              }
            }
            """;

    @TempDir
    Path tmp;

    private Path write(String json) throws IOException {
        return Files.writeString(tmp.resolve("inv.json"), json, StandardCharsets.UTF_8);
    }

    @Test
    void aGoodInventoryIsRead() throws Exception {
        Path file = write(GOOD);
        Inventory inv = new InventoryReader(Product.DPM).read(file);
        assertEquals("PG-SQL", inv.group());
        assertEquals("DPM", inv.product());
        assertEquals(2, inv.datasources().size());
        assertEquals("SQL01\\db1", inv.datasources().get(0).name());
        assertEquals(DatasourceType.SQL_DATABASE, inv.datasources().get(0).type());
        assertEquals(53_687_091_200L, inv.datasources().get(0).sizeBytes());
        assertEquals(Instant.parse("2026-12-01T21:30:00Z"), inv.datasources().get(0).recoveryPoint());
        assertEquals(tmp.resolve("replicas/db1"), inv.replicaFolder(inv.datasources().get(0)));
        assertEquals(null, inv.datasources().get(1).recoveryPoint());
        assertEquals("SQL01.contoso.com/SQL01_db1", inv.datasources().get(0).folder());
        assertEquals("FS01.contoso.com/D", inv.datasources().get(1).folder());
    }

    @Test
    void aByteOrderMarkIsAllowed() throws Exception {
        Path file = tmp.resolve("bom.json");
        byte[] json = GOOD.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        Files.write(file, withBom);
        assertEquals("PG-SQL", new InventoryReader(Product.DPM).read(file).group());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
            "\"schemaVersion\": 1,|\"schemaVersion\": 2,|schemaVersion is 2; this Seedbench reads version 1",
            "\"product\": \"DPM\"|\"product\": \"MABS\"|is a MABS inventory, not a DPM one; name it as mabs:INVENTORY",
            "\"type\": \"Volume\"|\"type\": \"VMwareVirtualMachine\"|datasource 2 (D:\\): type 'VMwareVirtualMachine' is not one a DPM inventory holds",
            "\"type\": \"Volume\"|\"type\": \"Tape\"|datasource 2 (D:\\): type 'Tape' is not one a DPM inventory holds",
            "\"sizeBytes\": 0|\"sizeBytes\": -1|datasource 2 (D:\\): sizeBytes is -1",
            "\"sizeBytes\": 0|\"sizeBytes\": \"big\"|datasource 2 (D:\\): sizeBytes is \"big\"",
            "\"computer\": \"FS01.contoso.com\",|\"colour\": \"blue\",|datasource 2 (D:\\): has an unknown field 'colour'",
            "\"computer\": \"FS01.contoso.com\",||datasource 2 (D:\\): has no computer",
            "\"exported\": \"2026-12-01T22:00:00Z\"|\"exported\": \"yesterday\"|exported 'yesterday' is not a UTC time",
            "\"schema\": \"seedbench.protection-group-inventory\"|\"schema\": \"other\"|schema is 'other', not seedbench",
            "\"datasources\": [|\"datasources\": 5, \"x\": [|protectionGroup: has an unknown field 'x'",
            "\"server\": \"DPM01.contoso.com\",|\"server\": \"DPM01.contoso.com\", \"server\": \"again\",|is not valid JSON at line 6",
            "}\\n}|}|is not valid JSON at line" })
    void aBadInventoryIsRefusedWithOneLineNamingTheFileAndTheField(String from, String to, String expected)
            throws IOException {
        String json = GOOD.replace(from.replace("\\n", "\n"), to == null ? "" : to);
        assertTrue(!json.equals(GOOD), "the case changes the inventory: " + from);
        Path file = write(json);
        InventoryException e = assertThrows(InventoryException.class, () -> new InventoryReader(Product.DPM).read(file));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("inventory " + file), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aDatasourceListedTwiceIsRefused() throws IOException {
        Path file = write(GOOD.replace("\"D:\\\\\"", "\"SQL01\\\\db1\"").replace("FS01.contoso.com", "SQL01.contoso.com"));
        InventoryException e = assertThrows(InventoryException.class, () -> new InventoryReader(Product.DPM).read(file));
        assertEquals("inventory " + file + ": datasource 2 (SQL01\\db1): is listed twice", e.getMessage());
    }

    @Test
    void aMissingInventorySaysHowToExportIt() {
        InventoryException e = assertThrows(InventoryException.class,
                () -> new InventoryReader(Product.MABS).read(tmp.resolve("none.json")));
        assertEquals("inventory " + tmp.resolve("none.json") + " does not exist; export it on the MABS server with "
                + "Export-ProtectionGroupInventory.ps1 and give its path", e.getMessage());
    }

    @Test
    void mabsReadsVmwareVirtualMachines() throws Exception {
        Path file = write(GOOD.replace("\"product\": \"DPM\"", "\"product\": \"MABS\"")
                .replace("\"type\": \"Volume\"", "\"type\": \"VMwareVirtualMachine\""));
        Inventory inv = new InventoryReader(Product.MABS).read(file);
        assertEquals(DatasourceType.VMWARE_VIRTUAL_MACHINE, inv.datasources().get(1).type());
    }
}
