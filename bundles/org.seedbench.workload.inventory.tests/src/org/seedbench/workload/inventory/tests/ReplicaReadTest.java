package org.seedbench.workload.inventory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.workload.inventory.DatasourceType;
import org.seedbench.workload.inventory.InventoryWorkloadSource;
import org.seedbench.workload.inventory.Product;

/**
 * What a datasource yields: its folder with the datasource's facts, then its replica's files; and a replica
 * file written while it is read fails the read instead of giving a torn copy.
 */
class ReplicaReadTest {
    private final InventoryWorkloadSource mabs = new InventoryWorkloadSource(Product.MABS) {
    };

    @TempDir
    Path tmp;

    private WorkloadSpec spec;

    private List<WorkloadItem> items() throws Exception {
        spec = new WorkloadSpec("mabs", new Group(tmp, Product.MABS)
                .add("Web01", DatasourceType.VMWARE_VIRTUAL_MACHINE, "vcenter01", "Web01.vmdk", 5_000, "Web01.vmx", 40)
                .write().toString());
        List<WorkloadItem> items = new ArrayList<>();
        mabs.enumerate(spec, items::add, w -> {
            throw new AssertionError(w);
        }, Progress.NONE);
        return items;
    }

    @Test
    void theDatasourceFolderCarriesItsFacts() throws Exception {
        List<WorkloadItem> items = items();
        assertEquals(List.of("vcenter01", "vcenter01/Web01", "vcenter01/Web01/Web01.vmdk", "vcenter01/Web01/Web01.vmx"),
                items.stream().map(WorkloadItem::path).toList());
        WorkloadItem folder = items.get(1);
        assertEquals("Web01", folder.attributes().get(InventoryWorkloadSource.ATTR_DATASOURCE));
        assertEquals("VMwareVirtualMachine", folder.attributes().get(InventoryWorkloadSource.ATTR_TYPE));
        assertEquals("PG-Everything", folder.attributes().get(InventoryWorkloadSource.ATTR_GROUP));
        assertEquals("2026-12-01T21:30:00Z", folder.attributes().get(InventoryWorkloadSource.ATTR_RECOVERY_POINT));
    }

    @Test
    void aReplicaFileThatGrowsWhileReadFailsTheRead() throws Exception {
        WorkloadItem vmdk = items().get(2);
        try (OutputStream out = Files.newOutputStream(tmp.resolve("replicas/ds0/Web01.vmdk"),
                StandardOpenOption.APPEND)) {
            out.write(new byte[] { 1, 2, 3 });
        }
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = mabs.open(spec, vmdk)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
        assertTrue(e.getMessage().contains("Web01.vmdk changed while it was read (it is longer than the 5000 bytes"),
                e.getMessage());
    }

    @Test
    void aReplicaFileThatShrinksWhileReadFailsTheRead() throws Exception {
        WorkloadItem vmdk = items().get(2);
        Files.write(tmp.resolve("replicas/ds0/Web01.vmdk"), new byte[100]);
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = mabs.open(spec, vmdk)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
        assertTrue(e.getMessage().contains("it ended after 100 of 5000 bytes"), e.getMessage());
    }
}
