package org.seedbench.cloud.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.testsupport.ForwardingCloudSession;
import org.seedbench.cloud.local.internal.FileLock;
import org.seedbench.cloud.local.internal.JobRecord;
import org.seedbench.cloud.local.internal.JobStore;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DriveDock;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.store.ForwardingObjectStore;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

/**
 * The simulated datacenter (a stand-in for the physical Import/Export datacenter, which cannot run here)
 * imports drives really prepared with the portable encryptor: it unlocks them, checks manifests and blocks,
 * writes the blobs and the drive logs, and moves the job along as its clock is advanced.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class SimulatedDatacenterTest {
    private static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String JOB = "seed-fs01";
    private static final String ACCOUNT = "contosobackup";
    private static final String CONTAINER = "seed";
    private static final int MIB = PreparedDrive.MIB;

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 10_000)
    DiskEncryptor portable;

    @TempDir
    Path temp;

    private LocalCloudConnector connector;
    private LocalSession cloud;
    /** The drives attached to "this computer", where the datacenter receives them. */
    private final Map<String, DriveDock.DockedDrive> attached = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void signIn() throws IOException {
        connector = new LocalCloudConnector(List.of(portable));
        cloud = connector.signIn(settings());
    }

    private ConnectorSettings settings() {
        return ConnectorSettings.of(temp.resolve("data"))
                .withDock(serial -> java.util.Optional.ofNullable(attached.get(serial)));
    }

    private PreparedDrive docked(PreparedDrive d) {
        attached.put(d.target().serial(), d.docked());
        return d;
    }

    private PreparedDrive drive(String serial, long seed, int... packSizes) throws Exception {
        return docked(PreparedDrive.prepare(portable, temp.resolve("drives/" + serial), serial, CONTAINER, JOB,
                PreparedDrive.seedFiles(seed, packSizes)));
    }

    private CloudJobStatus create(DriveEntry... drives) throws IOException {
        return cloud.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", JOB, ACCOUNT, CONTAINER,
                "1 Main St, Springfield", List.of(drives)));
    }

    private CloudJobStatus ship(String... serials) throws IOException {
        return cloud.updateShipping(SUBSCRIPTION, new Shipment(JOB, "FedEx", "1Z-" + JOB, LocalDate.now(),
                List.of(serials), "1 Main St", "FX-1"));
    }

    private CloudJobStatus after(Duration d) throws IOException {
        cloud.advanceClock(d);
        return status();
    }

    private CloudJobStatus status() throws IOException {
        return cloud.getImportJob(SUBSCRIPTION, JOB).orElseThrow();
    }

    /** Ships the job and moves the clock to the end of the datacenter's copy. */
    private CloudJobStatus shipAndTransfer(String... serials) throws IOException {
        ship(serials);
        return after(Duration.ofDays(2));
    }

    private ObjectStore container() throws IOException {
        return cloud.container(ACCOUNT, CONTAINER);
    }

    private void assertImported(PreparedDrive drive) throws IOException {
        for (Map.Entry<String, byte[]> f : drive.files().entrySet()) {
            try (InputStream in = container().open(JOB + "/" + f.getKey())) {
                assertArrayEquals(f.getValue(), in.readAllBytes(), f.getKey() + " in the import container");
            }
        }
    }

    @Test
    void aCleanDriveIsImportedWholeAsTheStatesPassInOrder() throws Exception {
        PreparedDrive d = drive("SB-0001", 1, 9 * MIB + 7, 4 * MIB, 300_000);
        List<String> seen = new ArrayList<>();
        CloudJobStatus s = create(d.entry());
        seen.add(s.serviceState() + "/" + s.drives().get(0).state());
        s = ship("SB-0001");
        seen.add(s.serviceState() + "/" + s.drives().get(0).state());
        // a day after shipping the drives arrive, two days after it the copy runs; then a day to package, a day
        // to complete, and the drives go back three days later
        List<Duration> steps = List.of(Duration.ofHours(23), Duration.ofDays(1), Duration.ofDays(1),
                Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(3));
        for (Duration step : steps) {
            s = after(step);
            seen.add(s.serviceState() + "/" + s.drives().get(0).state());
        }
        assertEquals(List.of("Creating/Specified", "Shipping/Specified", "Shipping/Specified", "Received/Received",
                "Transferring/Completed", "Transferring/Completed", "Packaging/Completed", "Completed/Completed",
                "Closed/ShippedBack"), seen);
        assertImported(d);
        DriveStatus drive = s.drives().get(0);
        assertEquals(100, drive.percentComplete());
        assertEquals(d.files().values().stream().mapToLong(b -> b.length).sum(), drive.bytesCopied());
        assertNull(drive.errorLogUri(), "no error log for a clean drive");
        String verbose = cloud.readLog(drive.verboseLogUri());
        assertTrue(verbose.contains("<DriveId>SB-0001</DriveId>"), verbose);
        assertTrue(verbose.contains("<Status>Completed</Status>"), verbose);
        assertTrue(verbose.contains("<BlobPath>seed/" + JOB + "/" + d.pack(0) + "</BlobPath>"), verbose);
        assertTrue(cloud.container(ACCOUNT, "waimportexport").list(JOB + "_SB-0001_").size() == 1,
                "the verbose log lies in the storage account's waimportexport container");
    }

    @Test
    void aFlippedByteInAPackFailsThatBlobOnlyAndTheErrorLogNamesItsBlock() throws Exception {
        PreparedDrive bad = drive("SB-0001", 2, 9 * MIB + 7, 2 * MIB);
        PreparedDrive good = drive("SB-0002", 3, 3 * MIB);
        String damaged = bad.pack(0);
        Path onDisk = bad.onDisk(JOB, damaged);
        byte[] bytes = Files.readAllBytes(onDisk);
        bytes[bytes.length / 2] ^= 0x40; // in the middle of the 9 MiB pack: its second 4 MiB block
        Files.write(onDisk, bytes);
        create(bad.entry(), good.entry());

        CloudJobStatus s = shipAndTransfer("SB-0001", "SB-0002");
        assertEquals(DriveState.COMPLETED_MORE_INFO, s.drives().get(0).state());
        assertEquals(DriveState.COMPLETED, s.drives().get(1).state());
        assertEquals(JobState.COMPLETED_WITH_ERRORS, after(Duration.ofDays(2)).serviceState());

        String errors = cloud.readLog(s.drives().get(0).errorLogUri());
        assertTrue(errors.contains("<Blob Status=\"CompletedWithErrors\">"), "the log format's blob status: " + errors);
        assertTrue(errors.contains("<BlobPath>seed/" + JOB + "/" + damaged + "</BlobPath>"), errors);
        assertTrue(errors.contains("Offset=\"4194304\"") && errors.contains("Status=\"Corrupted\"/>"), errors);
        assertFalse(errors.contains("Offset=\"0\""), "the error log holds only the failed block: " + errors);
        assertFalse(errors.contains("Cancelled"), "no block is listed with a status the format has not: " + errors);
        assertFalse(errors.contains(bad.pack(1)), "the error log holds only the failed blob: " + errors);
        assertTrue(errors.contains("<Status>CompletedWithErrors</Status>"), errors);

        assertFalse(container().exists(JOB + "/" + damaged), "the damaged blob is not written");
        for (String f : bad.files().keySet()) {
            if (!f.equals(damaged)) {
                assertTrue(container().exists(JOB + "/" + f), f + " is imported");
            }
        }
        assertImported(good);
    }

    @Test
    void aWrongKeyProtectorImportsNothingAndSaysBitLockerKeyInvalid() throws Exception {
        PreparedDrive d = drive("SB-0001", 4, 2 * MIB);
        PreparedDrive other = drive("SB-0009", 5, MIB);
        create(d.entry(other.key(), d.manifestHash()));

        DriveStatus drive = shipAndTransfer("SB-0001").drives().get(0);
        assertEquals(DriveState.COMPLETED_MORE_INFO, drive.state());
        assertTrue(cloud.readLog(drive.errorLogUri()).contains("<Status>BitLockerKeyInvalid</Status>"));
        assertEquals(List.of(), container().list(""));
    }

    @Test
    void aManifestHashThatDiffersImportsNothingAndSaysManifestCorrupted() throws Exception {
        PreparedDrive d = drive("SB-0001", 6, 2 * MIB);
        create(d.entry(d.key(), "0123456789ABCDEF0123456789ABCDEF"));

        DriveStatus drive = shipAndTransfer("SB-0001").drives().get(0);
        assertEquals(DriveState.COMPLETED_MORE_INFO, drive.state());
        assertTrue(cloud.readLog(drive.errorLogUri()).contains("<Status>ManifestCorrupted</Status>"));
        assertEquals(List.of(), container().list(""));
    }

    @Test
    void aDriveThatIsNotAttachedIsNeverReceived() throws Exception {
        PreparedDrive d = drive("SB-0001", 7, MIB);
        create(d.entry());
        ship("SB-0001");
        Files.move(d.target().mountPoint(), temp.resolve("elsewhere"));

        CloudJobStatus s = after(Duration.ofDays(2));
        assertEquals(DriveState.NEVER_RECEIVED, s.drives().get(0).state());
        assertEquals(JobState.COMPLETED_WITH_ERRORS, after(Duration.ofDays(2)).serviceState());
    }

    @Test
    void dayFifteenWithoutShippingDetailsExpiresTheJobAndRefusesThem() throws Exception {
        PreparedDrive d = drive("SB-0001", 8, MIB);
        create(d.entry());
        assertEquals(JobState.CREATING, after(Duration.ofDays(13)).serviceState());
        assertEquals(JobState.EXPIRED, after(Duration.ofDays(2)).serviceState());

        IOException e = assertThrows(IOException.class, () -> ship("SB-0001"));
        assertTrue(e.getCause() instanceof InvalidInputException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertEquals(JobState.EXPIRED, status().serviceState());
    }

    @Test
    void anotherProcessOnTheSameCloudSeesTheSameJobAndClock() throws Exception {
        PreparedDrive d = drive("SB-0001", 9, MIB);
        create(d.entry());
        ship("SB-0001");
        LocalSession second = new LocalCloudConnector(List.of(portable))
                .signIn(ConnectorSettings.empty().with(LocalCloudConnector.FOLDER, temp.resolve("data/cloud").toString()));
        second.advanceClock(Duration.ofDays(2));

        CloudJobStatus seen = second.getImportJob(SUBSCRIPTION, JOB).orElseThrow();
        assertEquals(JobState.TRANSFERRING, seen.serviceState());
        assertEquals(JobState.TRANSFERRING, status().serviceState());
        assertEquals(DriveState.COMPLETED, status().drives().get(0).state());
        assertImported(d);
    }

    @Test
    void aReaderWhileTheDatacenterHoldsTheJobGetsItAsLastSavedWithoutWaiting() throws Exception {
        PreparedDrive d = drive("SB-0001", 10, MIB);
        create(d.entry());
        ship("SB-0001");
        Path lockFile = temp.resolve("data/cloud/importexport/" + SUBSCRIPTION + "/" + JOB + ".lock");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread datacenterElsewhere = new Thread(() -> {
            try (FileLock lock = FileLock.acquire(lockFile)) {
                held.countDown();
                release.await();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        datacenterElsewhere.start();
        try {
            held.await();
            assertEquals(JobState.SHIPPING, after(Duration.ofDays(3)).serviceState(),
                    "the job as saved, while another reader moves it along");
        } finally {
            release.countDown();
            datacenterElsewhere.join();
        }
        assertEquals(JobState.TRANSFERRING, status().serviceState());
        assertEquals(100, status().drives().get(0).percentComplete());
    }

    @Test
    void blobsAndLogsGoToTheImportStorageWhenOneIsGiven() throws Exception {
        LocalSession storage = new LocalCloudConnector(List.of())
                .signIn(ConnectorSettings.empty().with(LocalCloudConnector.FOLDER, temp.resolve("storage").toString()));
        cloud = connector.signIn(settings(), storage);
        PreparedDrive d = drive("SB-0001", 11, 5 * MIB);
        create(d.entry());

        DriveStatus drive = shipAndTransfer("SB-0001").drives().get(0);
        assertEquals(DriveState.COMPLETED, drive.state());
        for (Map.Entry<String, byte[]> f : d.files().entrySet()) {
            try (InputStream in = storage.container(ACCOUNT, CONTAINER).open(JOB + "/" + f.getKey())) {
                assertArrayEquals(f.getValue(), in.readAllBytes(), f.getKey() + " in the import storage");
            }
        }
        assertFalse(Files.exists(temp.resolve("data/cloud/accounts")), "nothing lands in the local cloud's folder");
        assertTrue(cloud.readLog(drive.verboseLogUri()).contains("<Status>Completed</Status>"));
    }

    @Test
    void aWatcherInAnotherProcessSeesTheCopyProgressWhileItRuns() throws Exception {
        LocalSession watcher = new LocalCloudConnector(List.of(portable))
                .signIn(ConnectorSettings.empty().with(LocalCloudConnector.FOLDER, temp.resolve("data/cloud").toString()));
        ExecutorService elsewhere = Executors.newSingleThreadExecutor();
        List<String> seen = new ArrayList<>();
        LocalSession folder = new LocalCloudConnector(List.of())
                .signIn(ConnectorSettings.empty().with(LocalCloudConnector.FOLDER, temp.resolve("storage").toString()));
        CloudSession storage = new ForwardingCloudSession(folder) {
            @Override
            public ObjectStore container(String account, String container) throws IOException {
                ObjectStore c = super.container(account, container);
                return new ForwardingContainer(c) {
                    @Override
                    public void put(String name, InputStream content, long length) throws IOException {
                        if (container.equals(CONTAINER)) {
                            seen.add(watch(elsewhere, watcher));
                        }
                        super.put(name, content, length);
                    }
                };
            }
        };
        cloud = connector.signIn(settings(), storage);
        PreparedDrive d = drive("SB-0001", 13, 4 * MIB, 4 * MIB);
        create(d.entry());
        try {
            assertEquals(DriveState.COMPLETED, shipAndTransfer("SB-0001").drives().get(0).state());
        } finally {
            elsewhere.shutdownNow();
        }
        long total = d.files().values().stream().mapToLong(b -> b.length).sum();
        List<String> expected = new ArrayList<>();
        long before = 0;
        for (byte[] f : d.files().values()) {
            expected.add("Transferring/Transferring/" + before * 100 / total + "%");
            before += f.length;
        }
        assertEquals(expected, seen, "what the watcher saw as each blob was written");
    }

    /** The job as another connector on the same cloud reads it, from another thread. */
    private static String watch(ExecutorService elsewhere, CloudSession watcher) throws IOException {
        try {
            CloudJobStatus s = elsewhere.submit(() -> watcher.getImportJob(SUBSCRIPTION, JOB).orElseThrow()).get();
            DriveStatus drive = s.drives().get(0);
            return s.serviceState() + "/" + drive.state() + "/" + drive.percentComplete() + "%";
        } catch (InterruptedException | ExecutionException e) {
            throw new IOException(e);
        }
    }

    /** A container that hands every call on. */
    private static class ForwardingContainer extends ForwardingObjectStore {

        ForwardingContainer(ObjectStore c) {
            super(c);
        }
    }

    @Test
    void aCopyCutShortByAKilledProcessRunsAgainOnTheNextRead() throws Exception {
        PreparedDrive d = drive("SB-0001", 14, 5 * MIB);
        create(d.entry());
        ship("SB-0001");
        after(Duration.ofDays(1));
        // as a process killed during the copy leaves the job: Transferring, its drive half copied, no end time
        JobStore store = new JobStore(temp.resolve("data/cloud/importexport"));
        JobRecord job = store.read(SUBSCRIPTION, JOB).orElseThrow();
        job.state = JobState.TRANSFERRING.label();
        job.drives.get(0).state = DriveState.TRANSFERRING.label();
        job.drives.get(0).bytesCopied = 3 * MIB;
        store.write(job);

        CloudJobStatus s = after(Duration.ofDays(1));
        assertEquals(JobState.TRANSFERRING, s.serviceState());
        assertEquals(DriveState.COMPLETED, s.drives().get(0).state());
        assertEquals(d.files().values().stream().mapToLong(b -> b.length).sum(), s.drives().get(0).bytesCopied());
        assertImported(d);
    }

    @Test
    void aJobCannotBeCancelledOnceTheDatacenterCopiedIt() throws Exception {
        PreparedDrive d = drive("SB-0001", 12, MIB);
        create(d.entry());
        shipAndTransfer("SB-0001");
        IOException e = assertThrows(IOException.class, () -> cloud.cancelImportJob(SUBSCRIPTION, JOB));
        assertTrue(e.getMessage().contains("cannot be cancelled: it is Transferring"), e.getMessage());
    }

    @Test
    void aManifestWhoseFilePathClimbsOutOfTheDriveFailsTheDriveWithManifestCorrupted() throws Exception {
        PreparedDrive d = docked(PreparedDrive.prepare(portable, temp.resolve("drives/SB-0001"), "SB-0001", CONTAINER, JOB,
                PreparedDrive.seedFiles(13, MIB), xml -> xml.replace("<FilePath>\\" + JOB + "\\config</FilePath>",
                        "<FilePath>\\" + JOB + "\\..\\..\\..\\etc\\passwd</FilePath>")));
        assertManifestCorrupted(d);
    }

    @Test
    void aMalformedManifestWhoseBlocksDoNotCoverTheFileFailsTheDriveWithManifestCorrupted() throws Exception {
        PreparedDrive d = docked(PreparedDrive.prepare(portable, temp.resolve("drives/SB-0001"), "SB-0001", CONTAINER, JOB,
                PreparedDrive.seedFiles(14, MIB), xml -> xml.replace("<Length>300</Length>", "<Length>3000</Length>")));
        assertManifestCorrupted(d);
    }

    /** A drive that carries another drive's manifest is not imported: ManifestDriveIdMismatch in its error log. */
    @Test
    void aManifestOfAnotherDriveImportsNothingAndSaysManifestDriveIdMismatch() throws Exception {
        PreparedDrive d = docked(PreparedDrive.prepare(portable, temp.resolve("drives/SB-0001"), "SB-0001", CONTAINER, JOB,
                PreparedDrive.seedFiles(15, MIB), xml -> xml.replace("<DriveId>SB-0001</DriveId>",
                        "<DriveId>SB-0002</DriveId>")));
        assertDriveFailsWith(d, "ManifestDriveIdMismatch");
    }

    /** A drive without the manifest the job names: ManifestNotFound, the code of the service's log format. */
    @Test
    void aDriveWithoutItsManifestImportsNothingAndSaysManifestNotFound() throws Exception {
        PreparedDrive d = drive("SB-0001", 16, MIB);
        Files.delete(d.target().mountPoint().resolve(DriveManifest.FILE_NAME));
        assertDriveFailsWith(d, "ManifestNotFound");
    }

    /** The drive fails as the service fails it: nothing imported, ManifestCorrupted, the job with errors. */
    private void assertManifestCorrupted(PreparedDrive d) throws Exception {
        assertDriveFailsWith(d, "ManifestCorrupted");
    }

    private void assertDriveFailsWith(PreparedDrive d, String status) throws Exception {
        create(d.entry());
        DriveStatus drive = shipAndTransfer("SB-0001").drives().get(0);
        assertEquals(DriveState.COMPLETED_MORE_INFO, drive.state());
        String errors = cloud.readLog(drive.errorLogUri());
        assertTrue(errors.contains("<Status>" + status + "</Status>"), errors);
        assertEquals(List.of(), container().list(""), "nothing of the drive is imported");
        assertEquals(JobState.COMPLETED_WITH_ERRORS, after(Duration.ofDays(2)).serviceState());
    }

    /** A real clock the test moves by hand. */
    private static final class HandClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-12-07T09:00:00Z");

        void add(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aRehearsalJobRunsOnItsOwnCompressedClockAndNoOtherJobsDatesMove() throws Exception {
        HandClock real = new HandClock();
        cloud = new LocalCloudConnector(List.of(portable), real).signIn(settings());
        PreparedDrive d = drive("SB-0001", 15, MIB);
        PreparedDrive r = docked(PreparedDrive.prepare(portable, temp.resolve("drives/SB-0002"), "SB-0002", CONTAINER,
                "rehearsal-1", PreparedDrive.seedFiles(16, MIB)));
        java.time.Instant start = real.instant();
        create(d.entry());
        cloud.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", "rehearsal-1", ACCOUNT, CONTAINER,
                "1 Main St", List.of(r.entry()), Map.of(ImportJobRequest.REHEARSAL_DAYS_PER_SECOND, "1")));

        real.add(Duration.ofSeconds(15)); // 15 days of the rehearsal: it expires without shipping details
        assertEquals(JobState.EXPIRED, cloud.getImportJob(SUBSCRIPTION, "rehearsal-1").orElseThrow().serviceState());
        assertEquals(start.plus(Duration.ofDays(15)), cloud.clock(SUBSCRIPTION, "rehearsal-1").instant());

        CloudJobStatus job = status();
        assertEquals(JobState.CREATING, job.serviceState(), "the real job keeps its 14 days");
        assertEquals(start, job.created());
        assertEquals(real.instant(), cloud.clock(SUBSCRIPTION, JOB).instant(), "the real job runs on the real clock");
        assertEquals(real.instant(), cloud.clock().instant());
        ship("SB-0001");
        real.add(Duration.ofSeconds(20));
        assertEquals(JobState.SHIPPING, status().serviceState(), "20 real seconds are 20 seconds for a real job");
    }

    @Test
    void theCopyTakesTheTimeTheDataNeedsAtTheDrivesReadSpeedBeforeTheFixedSteps() throws Exception {
        PreparedDrive d = drive("SB-0001", 17, 2 * MIB, MIB);
        cloud.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", JOB, ACCOUNT, CONTAINER, "1 Main St",
                List.of(d.entry()), Map.of(ImportJobRequest.DRIVE_READ_BYTES_PER_SECOND, "20")));
        ship("SB-0001");

        CloudJobStatus copied = after(Duration.ofDays(2));
        assertEquals(JobState.TRANSFERRING, copied.serviceState());
        long bytes = copied.drives().get(0).bytesCopied();
        assertTrue(bytes >= 3L * MIB, "the drive's files: " + bytes);
        long readSeconds = bytes / 20; // at 20 bytes a second: more than 1.8 days
        assertEquals(JobState.TRANSFERRING, after(Duration.ofDays(2)).serviceState(),
                "without the read time it would be Packaging a day after the copy");
        assertEquals(JobState.PACKAGING, after(Duration.ofSeconds(readSeconds + 86_400 - 2 * 86_400 + 60))
                .serviceState(), "a day after the drive was read");
        assertImported(d);
    }

    @Test
    void aDriveReadSpeedThatIsNoNumberIsRefused() throws Exception {
        PreparedDrive d = drive("SB-0001", 18, MIB);
        IOException e = assertThrows(IOException.class, () -> cloud.createImportJob(
                new ImportJobRequest(SUBSCRIPTION, "westeurope", JOB, ACCOUNT, CONTAINER, "1 Main St",
                        List.of(d.entry()), Map.of(ImportJobRequest.DRIVE_READ_BYTES_PER_SECOND, "fast"))));
        assertEquals("drive read speed", ((InvalidInputException) e.getCause()).problems().get(0).field(),
                e.getMessage());
    }

    @Test
    void aCompressedClockForTheWholeCloudIsRefusedWithWhatReplacesIt() {
        IOException e = assertThrows(IOException.class, () -> connector.signIn(settings()
                .with(LocalCloudConnector.SECONDS_PER_DAY, "1")));
        assertTrue(e.getMessage().startsWith("secondsPerDay: is no longer a setting of the local cloud"),
                e.getMessage());
        assertTrue(e.getMessage().contains("seedbench init --rehearsal"), e.getMessage());
        IOException bad = assertThrows(IOException.class, () -> cloud.createImportJob(new ImportJobRequest(
                SUBSCRIPTION, "westeurope", JOB, ACCOUNT, CONTAINER, "1 Main St", List.of(),
                Map.of(ImportJobRequest.REHEARSAL_DAYS_PER_SECOND, "fast"))));
        assertTrue(((InvalidInputException) bad.getCause()).problems().stream().anyMatch(p -> p.message()
                .startsWith("days per second 'fast': is not a number")), bad.getMessage());
    }
}
