package org.seedbench.cloud.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudConnector.BlobContainer;
import org.seedbench.testsupport.CloudConnectorContract;

/** The local cloud keeps the contract of every cloud connector, and its blobs are files put whole. */
class LocalCloudConnectorTest extends CloudConnectorContract {
    private final LocalCloudConnector connector = new LocalCloudConnector(List.of());

    @Override
    protected CloudConnector connector() {
        return connector;
    }

    @Override
    protected Map<String, Object> settings(Path folder) {
        return Map.of(LocalCloudConnector.DATA_DIRECTORY, folder);
    }

    @Test
    void blobsLieInTheCloudFolderOfTheDataDirectory() throws IOException {
        connector.container("contosobackup", "seed").put("job/config", new ByteArrayInputStream(new byte[] {7}), 1);
        assertTrue(Files.isRegularFile(tempDir.resolve("cloud/accounts/contosobackup/seed/job/config")));
    }

    @Test
    void aPutThatFailsHalfWayLeavesNoBlobAndNoTempFileIsListed() throws IOException {
        BlobContainer c = connector.container("contosobackup", "seed");
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 1000) {
                    throw new IOException("the network went down");
                }
                return 1;
            }
        };
        assertThrows(IOException.class, () -> c.put("job/packs/00/p1", failing, 5000));
        assertFalse(c.exists("job/packs/00/p1"));
        assertThrows(IOException.class, () -> c.put("job/packs/00/p2", new ByteArrayInputStream(new byte[10]), 20),
                "a stream shorter than its length");
        assertEquals(List.of(), c.list(""));
    }

    @Test
    void badBlobNamesAreRefusedWithTheRule() throws IOException {
        BlobContainer c = connector.container("contosobackup", "seed");
        for (String bad : List.of("../escape", "/abs", "a//b", "a/./b", "a\\b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.put(bad, new ByteArrayInputStream(new byte[1]), 1), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void aServerSideCopyReadsBackIdentical() throws IOException {
        BlobContainer from = connector.container("contosobackup", "seed");
        BlobContainer to = connector.container("contosobackup", "vault");
        from.put("job/packs/ab/abc", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
        to.copyFrom(from, "job/packs/ab/abc");
        from.delete("job/packs/ab/abc");
        try (InputStream in = to.get("job/packs/ab/abc")) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        assertEquals(3, to.size("job/packs/ab/abc"));
    }

    @Test
    void aBadRequestNamesTheFieldAndTheRule() {
        IOException e = assertThrows(IOException.class, () -> connector.container("Contoso_Backup", "seed"));
        assertTrue(e.getCause() instanceof InvalidInputException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().startsWith("storage account 'Contoso_Backup'"), e.getMessage());
    }

    @Test
    void signInWithoutADataDirectorySaysWhatIsMissing() {
        IOException e = assertThrows(IOException.class, () -> new LocalCloudConnector(List.of()).signIn(Map.of()));
        assertTrue(e.getMessage().startsWith("dataDirectory: is missing"), e.getMessage());
    }
}
