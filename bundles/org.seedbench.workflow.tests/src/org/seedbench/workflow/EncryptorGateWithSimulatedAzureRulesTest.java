package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.diskprep.DriveInfoFile;
import org.seedbench.testsupport.RealDatacenterRulesConnector;

/**
 * The encryptor gate, with the local cloud's simulated datacenter given Azure's rules about drives
 * ({@link RealDatacenterRulesConnector}: it unlocks BitLocker drives only, and gives a container SAS): portable
 * drives are refused before anything is written; the default follows the datacenter; the session's SAS reaches the
 * drive manifest and nothing else.
 */
@ExtendWith({ServiceExtension.class, BundleContextExtension.class})
class EncryptorGateWithSimulatedAzureRulesTest {
    private static final String SAS = "sv=2024-08-04&se=2027-03-07T12%3A00%3A00Z&sr=c&sp=cw&sig=Z2F0ZS10ZXN0LXNpZw%3D%3D";

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    DrivePreparationService preparation;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.*)", timeout = 10_000)
    CloudConnector local;

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 10_000)
    DiskEncryptor portable;

    @InjectBundleContext
    BundleContext context;

    @TempDir
    Path tmp;

    private final List<ServiceRegistration<CloudConnector>> registered = new java.util.ArrayList<>();

    @BeforeEach
    void connectors() {
        registered.add(context.registerService(CloudConnector.class,
                new RealDatacenterRulesConnector("azure-rules", local, List.of("bitlocker"), SAS), null));
        registered.add(context.registerService(CloudConnector.class,
                new RealDatacenterRulesConnector("sas-rules", local, List.of(), SAS), null));
    }

    @AfterEach
    void unregister() {
        registered.forEach(ServiceRegistration::unregister);
    }

    /** A staged job of this connector. */
    private void job(Workspace workspace, String name, String connector) throws Exception {
        SeedingJob j = Seeds.job(tmp, name, "contosobackup", 3);
        jobs.create(workspace, new SeedingJob(j.name(), j.stagingLocation(), j.storageAccount(), j.container(),
                j.subscriptionId(), j.location(), j.workloads(), connector, j.sourceHost(), j.created(), j.state()));
        try (Secret passphrase = Secret.of(Seeds.PASSPHRASE)) {
            stage.stage(workspace, name, passphrase, Progress.NONE, w -> {
            });
        }
    }

    private PrepareOutcome prepare(Workspace workspace, String job, String encryptor) throws Exception {
        return preparation.prepare(workspace, job, List.of("dir:" + tmp.resolve("drives/SB-0001")
                + ",capacity=50M,serial=SB-0001"), encryptor, (s, description) -> true, Progress.NONE, note -> {
                });
    }

    @Test
    void portableDrivesForADatacenterThatUnlocksBitLockerOnlyAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path data = tmp.resolve("data");
        try (Workspace workspace = workspaces.open(data)) {
            job(workspace, "seed-az01", "azure-rules");

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> prepare(workspace, "seed-az01", "portable"));

            assertEquals(1, e.problems().size());
            assertEquals("encryptor 'portable': the azure-rules connector's datacenter unlocks BitLocker drives only; "
                    + "prepare on a Windows copy computer with --encryptor bitlocker (portable drives are for "
                    + "rehearsals on the simulator or the local cloud)", e.problems().get(0).message());
            assertFalse(Files.exists(tmp.resolve("drives/SB-0001")), "no drive was formatted or written");
            assertFalse(Files.exists(workspace.driveFolder("seed-az01")), "no key or journal was written");
            try (Catalog catalog = workspace.catalog()) {
                assertEquals(JobState.STAGED, catalog.job("seed-az01").orElseThrow().state());
                assertEquals(List.of(), catalog.drives("seed-az01"));
            }
        }
    }

    /** The default there is BitLocker, which this Linux test machine cannot run: refused, nothing written. */
    @Test
    void theDefaultForADatacenterThatUnlocksBitLockerOnlyIsBitLocker() throws Exception {
        Path data = tmp.resolve("data");
        try (Workspace workspace = workspaces.open(data)) {
            job(workspace, "seed-az02", "azure-rules");

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> prepare(workspace, "seed-az02", null));

            assertTrue(e.getMessage().startsWith("encryptor 'bitlocker': BitLocker drives are prepared on Windows"),
                    e.getMessage());
            assertFalse(Files.exists(tmp.resolve("drives/SB-0001")));
        }
    }

    /**
     * Where the datacenter unlocks any drive the default is portable, and the session's container SAS is the
     * manifest's credential: on the drive, and in no file of the data directory (catalog, keys, journals, DriveInfo).
     */
    @Test
    void theDefaultElsewhereIsPortableAndTheSessionsSasIsTheManifestsCredentialOnly() throws Exception {
        Path data = tmp.resolve("data");
        try (Workspace workspace = workspaces.open(data)) {
            job(workspace, "seed-sas1", "sas-rules");

            PrepareOutcome outcome = prepare(workspace, "seed-sas1", null);

            assertEquals(JobState.DRIVES_READY, outcome.state());
            try (Catalog catalog = workspace.catalog()) {
                Drive drive = catalog.drives("seed-sas1").get(0);
                assertEquals("portable", drive.encryptor());
                assertEquals("\\drive-manifest.xml", drive.manifestFile());
            }
            DriveInfoFile.Info info = DriveInfoFile.read(outcome.drives().get(0).driveInfo());
            DriveTarget target = new DriveTarget("SB-0001", null, tmp.resolve("drives/SB-0001"), 50_000_000L);
            String manifest;
            try (Volume v = portable.unlock(target, info.key()); InputStream in = v.open(DriveManifest.FILE_NAME)) {
                manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(manifest.contains("<ContainerSas>" + SAS.replace("&", "&amp;") + "</ContainerSas>"), manifest);
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains("Z2F0ZS10ZXN0LXNpZw"),
                        f + " holds the SAS");
            }
        }
    }
}
