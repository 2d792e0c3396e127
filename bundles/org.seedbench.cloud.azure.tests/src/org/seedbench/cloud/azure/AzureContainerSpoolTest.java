package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.cloud.azure.internal.AzureBlobContainer;
import org.seedbench.core.spi.ObjectStore.PendingObject;

/**
 * An object written through {@code create} into an Azure container is spooled to a local file, locked while it is
 * written, and uploaded on commit (what backup's {@code ContainerStorage} did for every connector before).
 */
@ExtendWith(AzuriteExtension.class)
class AzureContainerSpoolTest {
    private final Azurite azurite;
    private AzureBlobStorage storage;
    private AzureBlobContainer container;
    private String name;

    @TempDir
    Path temp;

    AzureContainerSpoolTest(Azurite azurite) {
        this.azurite = azurite;
    }

    @BeforeEach
    void createContainer() throws Exception {
        storage = AzureBlobStorage.open(StorageAccess.connectionString(azurite.connectionString()), temp.resolve("spool"));
        name = "s-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        container = storage.createContainer(name);
    }

    @AfterEach
    void deleteContainer() throws Exception {
        storage.deleteContainer(name);
    }

    @Test
    void anObjectIsVisibleOnlyOnceCommitted() throws IOException {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        try (PendingObject pending = container.create("job-a/packs")) {
            try (OutputStream out = pending.output()) {
                out.write(data);
            }
            assertEquals(List.of(), container.list("job-a/"), "nothing before the commit");
            assertEquals(1, spoolFiles().size(), "the object waits in the spool folder");
            pending.commit("job-a/packs/ab/abcd");
        }
        try (PendingObject discarded = container.create("job-a/packs")) {
            discarded.output().write(new byte[] { 1, 2, 3 });
        }
        assertEquals(List.of("job-a/packs/ab/abcd"), container.list("job-a/"));
        assertEquals(300_000, container.size("job-a/packs/ab/abcd"));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 1100),
                container.getRange("job-a/packs/ab/abcd", 1000, 100));
        assertEquals(List.of(), spoolFiles(), "a committed or discarded object leaves no spool file");
    }

    @Test
    void spoolFilesOfADeadWriterAreRemovedAndAWriteInProgressIsLeftAlone() throws Exception {
        try (PendingObject inProgress = container.create("job-a/packs")) {
            inProgress.output().write(new byte[] { 9 });
            Files.write(temp.resolve("spool/.spool-0123456789abcdef"), new byte[] { 1, 2 });
            assertEquals(2, spoolFiles().size());
            assertEquals(1, container.deleteAbandoned());
            assertEquals(1, storage.container(name).deleteAbandoned() + spoolFiles().size(),
                    "another view of the container leaves the locked write alone");
        }
        assertEquals(List.of(), spoolFiles());
    }

    private List<Path> spoolFiles() throws IOException {
        Path spool = temp.resolve("spool");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }
}
