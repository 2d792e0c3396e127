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
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.core.support.bandwidth.Rate;
import org.seedbench.core.support.bandwidth.ThrottledObjectStore;

/** The contract every {@link CloudConnector} keeps, through the {@link CloudSession}s it signs in. */
public abstract class CloudConnectorContract {
    protected static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    /**
     * A return address with every field the import services require, as an admin enters it; public for the
     * connectors' other tests, which send the same.
     */
    public static final ReturnAddress RETURN_ADDRESS = new ReturnAddress("Contoso IT", "1 Main St", "Building 4",
            "Springfield", "IL", "62701", "US", "+1 217 555 0100", "it@contoso.example");
    /** The carrier and account the drives come back with: not the one that takes them to the datacenter. */
    public static final ReturnShipping RETURN_SHIPPING = new ReturnShipping("UPS", "UPS-778899");

    @TempDir
    protected Path tempDir;

    /** The session the tests work with, signed in before each. */
    protected CloudSession session;

    protected abstract CloudConnector connector();

    /**
     * The sign-in settings for the connector under test (endpoints, credentials, data folder); two folders are two
     * separate clouds' worth of import jobs.
     */
    protected abstract ConnectorSettings settings(Path folder);

    /** A location the connector knows. */
    protected String locationId() {
        return "westeurope";
    }

    @BeforeEach
    void signIn() throws IOException {
        session = connector().signIn(settings(tempDir));
    }

    private ImportJobRequest request(String jobName) {
        return request(jobName, "SB-0001");
    }

    private ImportJobRequest request(String jobName, String drive) {
        KeyProtector key = new KeyProtector("kp-1",
                Secret.of("111111-222222-333333-444444-555555-666666-777777-888888"));
        return new ImportJobRequest(SUBSCRIPTION, locationId(), jobName, "contosobackup", "seed", RETURN_ADDRESS,
                RETURN_SHIPPING, List.of(new ImportJobRequest.DriveEntry(drive, key,
                        "\\drive-manifest.xml", "0123456789ABCDEF0123456789ABCDEF")));
    }

    @Test
    void locationsHaveAShippingAddress() throws IOException {
        List<DatacenterLocation> locations = session.locations();
        assertFalse(locations.isEmpty());
        DatacenterLocation l = session.location(locationId()).orElseThrow();
        assertFalse(l.shippingAddress().isBlank());
    }

    @Test
    void anImportJobIsCreatedShippedAndCancelled() throws IOException {
        CloudJobStatus created = session.createImportJob(request("contract-job"));
        assertEquals(JobState.CREATING, created.serviceState());
        assertEquals(DriveState.SPECIFIED, created.drives().get(0).state());
        assertTrue(session.getImportJob(SUBSCRIPTION, "contract-job").isPresent());
        assertTrue(session.listImportJobs(SUBSCRIPTION).stream().anyMatch(j -> j.jobName().equals("contract-job")));
        CloudJobStatus shipping = session.updateShipping(SUBSCRIPTION, new Shipment("contract-job", "FedEx",
                "1Z-CONTRACT", LocalDate.now(), List.of("SB-0001"), RETURN_ADDRESS, RETURN_SHIPPING));
        assertEquals(JobState.SHIPPING, shipping.serviceState());
        session.cancelImportJob(SUBSCRIPTION, "contract-job");
        assertEquals(JobState.CANCELLED,
                session.getImportJob(SUBSCRIPTION, "contract-job").orElseThrow().serviceState());
    }

    @Test
    void blobsRoundTripListByPrefixAndDelete() throws IOException {
        ObjectStore c = session.container("contosobackup", "contract");
        byte[] data = new byte[5 * 1024 * 1024 + 3];
        new Random(7).nextBytes(data);
        c.put("job/packs/00/p1", new ByteArrayInputStream(data), data.length);
        c.put("job/index/i1", new ByteArrayInputStream(new byte[] { 1 }), 1);
        try (InputStream in = c.open("job/packs/00/p1")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(List.of("job/packs/00/p1"), c.list("job/packs/"));
        assertEquals(data.length, c.size("job/packs/00/p1"));
        try (InputStream in = c.open("job/packs/00/p1", 4 * 1024 * 1024 - 5, 10)) {
            assertArrayEquals(Arrays.copyOfRange(data, 4 * 1024 * 1024 - 5, 4 * 1024 * 1024 + 5), in.readAllBytes(),
                    "a range across the 4 MiB mark");
        }
        try (InputStream in = c.open("job/packs/00/p1", data.length - 2, 100)) {
            assertArrayEquals(Arrays.copyOfRange(data, data.length - 2, data.length), in.readAllBytes(),
                    "a range past the end gives the bytes up to the end");
        }
        assertThrows(NoSuchFileException.class, () -> c.size("job/packs/00/none"));
        assertThrows(NoSuchFileException.class, () -> c.open("job/packs/00/none", 0, 1).close());
        c.delete("job/packs/00/p1");
        assertFalse(c.exists("job/packs/00/p1"));
        assertTrue(c.exists("job/index/i1"));
    }

    /**
     * Two sessions of the one connector, signed in for two folders and working at the same time, each see their own
     * import jobs (a job of the same name in both, with other drives) and their own container.
     */
    @Test
    void twoSessionsAtOnceSeeOnlyTheirOwnJobsAndObjects() throws Exception {
        CloudSession first = connector().signIn(settings(tempDir.resolve("first")));
        CloudSession second = connector().signIn(settings(tempDir.resolve("second")));
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = threads.submit(work(first, "SB-000A", "sessions-a", together));
            Future<String> b = threads.submit(work(second, "SB-000B", "sessions-b", together));
            assertEquals("SB-000A", a.get());
            assertEquals("SB-000B", b.get());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(List.of("SB-000A"), first.getImportJob(SUBSCRIPTION, "sessions-job").orElseThrow().drives().stream()
                .map(CloudJobStatus.DriveStatus::serial).toList());
        assertEquals(List.of("SB-000B"), second.getImportJob(SUBSCRIPTION, "sessions-job").orElseThrow().drives()
                .stream().map(CloudJobStatus.DriveStatus::serial).toList());
        assertEquals(List.of("job/config"), first.container("contosobackup", "sessions-a").list(""));
        assertEquals(List.of("job/config"), second.container("contosobackup", "sessions-b").list(""));
        assertArrayEquals("SB-000A".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                first.container("contosobackup", "sessions-a").get("job/config"));
    }

    /** Creates a job with one drive and writes the drive's id into a container; gives the drive the job reports. */
    private Callable<String> work(CloudSession s, String drive, String container, CyclicBarrier together) {
        return () -> {
            together.await();
            s.createImportJob(request("sessions-job", drive));
            s.container("contosobackup", container).put("job/config",
                    drive.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            together.await();
            return s.getImportJob(SUBSCRIPTION, "sessions-job").orElseThrow().drives().get(0).serial();
        };
    }

    /**
     * An upload through the bandwidth budget, whatever the connector, takes at least its size over the rate (a
     * lower bound, 0.9 of it for the bucket's burst): 4 MB at 2 MB/s, half put from a stream, half written into a
     * pending object.
     */
    @Test
    void anUploadThroughTheBandwidthBudgetTakesAtLeastItsSizeOverTheRate() throws IOException {
        int mb = 1_000_000;
        Bandwidth bandwidth = Bandwidth.fixed(new Rate(2L * mb), "test");
        ObjectStore c = new ThrottledObjectStore(session.container("contosobackup", "throttled"), bandwidth,
                () -> false, tempDir.resolve("throttle-spool"));
        byte[] data = new byte[2 * mb];
        new Random(16).nextBytes(data);
        long start = System.nanoTime();
        c.put("job/packs/aa/one", new ByteArrayInputStream(data), data.length);
        try (ObjectStore.PendingObject pending = c.create("job/packs/bb")) {
            pending.output().write(data);
            pending.commit("job/packs/bb/two");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 4.0 / 2 * 0.9, "4 MB at 2 MB/s were uploaded in " + seconds + " s");
        assertEquals(4L * mb, bandwidth.sent());
        assertArrayEquals(data, c.get("job/packs/aa/one"));
        assertArrayEquals(data, c.get("job/packs/bb/two"));
    }
}
