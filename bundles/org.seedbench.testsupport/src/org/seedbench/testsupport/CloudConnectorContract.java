package org.seedbench.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudConnector.BlobContainer;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.KeyProtector;

/** The contract every {@link CloudConnector} keeps. */
public abstract class CloudConnectorContract {
    protected static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @TempDir
    protected Path tempDir;

    protected abstract CloudConnector connector();

    /** The sign-in settings for the connector under test (endpoints, credentials, data folder). */
    protected abstract Map<String, Object> settings(Path folder);

    /** A location the connector knows. */
    protected String locationId() {
        return "westeurope";
    }

    @BeforeEach
    void signIn() throws IOException {
        connector().signIn(settings(tempDir));
    }

    private ImportJobRequest request(String jobName) {
        KeyProtector key = new KeyProtector("kp-1",
                Secret.of("111111-222222-333333-444444-555555-666666-777777-888888"));
        return new ImportJobRequest(SUBSCRIPTION, locationId(), jobName, "contosobackup", "seed",
                "1 Main St, Springfield", List.of(new ImportJobRequest.DriveEntry("SB-0001", key,
                        "\\drive-manifest.xml", "0123456789ABCDEF0123456789ABCDEF")));
    }

    @Test
    void locationsHaveAShippingAddress() throws IOException {
        List<DatacenterLocation> locations = connector().locations();
        assertFalse(locations.isEmpty());
        DatacenterLocation l = connector().location(locationId()).orElseThrow();
        assertFalse(l.shippingAddress().isBlank());
    }

    @Test
    void anImportJobIsCreatedShippedAndCancelled() throws IOException {
        CloudJobStatus created = connector().createImportJob(request("contract-job"));
        assertEquals(JobState.CREATING, created.serviceState());
        assertEquals(DriveState.SPECIFIED, created.drives().get(0).state());
        assertTrue(connector().getImportJob(SUBSCRIPTION, "contract-job").isPresent());
        assertTrue(connector().listImportJobs(SUBSCRIPTION).stream().anyMatch(j -> j.jobName().equals("contract-job")));
        CloudJobStatus shipping = connector().updateShipping(SUBSCRIPTION, new Shipment("contract-job", "FedEx",
                "1Z-CONTRACT", LocalDate.now(), List.of("SB-0001"), "1 Main St", "FX-1"));
        assertEquals(JobState.SHIPPING, shipping.serviceState());
        connector().cancelImportJob(SUBSCRIPTION, "contract-job");
        assertEquals(JobState.CANCELLED,
                connector().getImportJob(SUBSCRIPTION, "contract-job").orElseThrow().serviceState());
    }

    @Test
    void blobsRoundTripListByPrefixAndDelete() throws IOException {
        BlobContainer c = connector().container("contosobackup", "contract");
        byte[] data = new byte[5 * 1024 * 1024 + 3];
        new Random(7).nextBytes(data);
        c.put("job/packs/00/p1", new ByteArrayInputStream(data), data.length);
        c.put("job/index/i1", new ByteArrayInputStream(new byte[] { 1 }), 1);
        try (InputStream in = c.get("job/packs/00/p1")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(List.of("job/packs/00/p1"), c.list("job/packs/"));
        assertEquals(data.length, c.size("job/packs/00/p1"));
        try (InputStream in = c.get("job/packs/00/p1", 4 * 1024 * 1024 - 5, 10)) {
            assertArrayEquals(Arrays.copyOfRange(data, 4 * 1024 * 1024 - 5, 4 * 1024 * 1024 + 5), in.readAllBytes(),
                    "a range across the 4 MiB mark");
        }
        try (InputStream in = c.get("job/packs/00/p1", data.length - 2, 100)) {
            assertArrayEquals(Arrays.copyOfRange(data, data.length - 2, data.length), in.readAllBytes(),
                    "a range past the end gives the bytes up to the end");
        }
        assertThrows(NoSuchFileException.class, () -> c.size("job/packs/00/none"));
        assertThrows(NoSuchFileException.class, () -> c.get("job/packs/00/none", 0, 1).close());
        c.delete("job/packs/00/p1");
        assertFalse(c.exists("job/packs/00/p1"));
        assertTrue(c.exists("job/index/i1"));
    }
}
