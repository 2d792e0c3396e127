package org.seedbench.ui.tests.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.ui.secrets.SecretStore;
import org.seedbench.ui.wizards.InitiateJobWizard;
import org.seedbench.ui.wizards.WizardIds;
import org.seedbench.workflow.EstimateService;
import org.seedbench.workflow.JobService;
import org.seedbench.workflow.StageService;

/**
 * The "Initiate offline backup" wizard with the real catalog, the real files plugin and real secure storage: it
 * refuses bad input field by field as it is typed, keeps Finish disabled, then creates the job; a partner's
 * workload source registered at run time is offered with no change to the wizard.
 */
@ExtendWith({ ServiceExtension.class, OnUiThread.class })
class InitiateWizardTest {
    static final String PASSPHRASE = "a very long backup passphrase 7";

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @InjectService(cardinality = 1, timeout = 10_000)
    ServiceAware<WorkloadSource> sources;

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    EstimateService estimates;

    @TempDir
    Path tmp;

    Display display;
    Shell shell;
    Path data;
    SecretStore secrets;

    @BeforeEach
    void open() throws IOException {
        display = Display.getDefault();
        shell = new Shell(display);
        data = tmp.resolve("data");
        secrets = new SecretStore(TestStorage.open(tmp.resolve("secure_storage")));
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    private InitiateWizardBot wizard() {
        return new InitiateWizardBot(shell, new InitiateJobWizard(data, catalogs, stage, jobs, () -> sources.getServices(),
                List.of("local"), secrets, Clock.systemUTC()));
    }

    private InitiateWizardBot validFirstPage(InitiateWizardBot bot) {
        return bot.name("seed-fs01").staging(tmp.resolve("staging").toString()).storageAccount("contosobackup")
                .container("seed").subscription("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0").location("westeurope");
    }

    @Test
    void theLastPageEstimatesTheSeedAndSaysWhetherToShipDrivesOrUpload() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        byte[] random = new byte[6_000_000];
        new java.util.Random(3).nextBytes(random);
        Files.write(source.resolve("random.bin"), random);
        for (int i = 0; i < 20; i++) {
            Files.writeString(source.resolve("notes-" + i + ".txt"), ("note " + i + " of the quick brown fox\n")
                    .repeat(5_000));
        }
        try (InitiateWizardBot bot = new InitiateWizardBot(shell, new InitiateJobWizard(data, catalogs, stage, jobs,
                () -> sources.getServices(), List.of("local"), secrets, Clock.systemUTC()).withEstimates(estimates))) {
            validFirstPage(bot);
            bot.next();
            bot.addWorkload("files", source.toString());
            bot.passphrase(PASSPHRASE, PASSPHRASE);
            assertTrue(bot.canFinish(), "the estimate is optional");
            assertTrue(bot.canGoNext(), "the estimate is the last page");
            bot.next();

            Text bandwidth = Ui.find(bot.shell(), WizardIds.INIT_ESTIMATE_BANDWIDTH, Text.class);
            Ui.type(bandwidth, "1Mbit");
            Ui.click(Ui.find(bot.shell(), WizardIds.INIT_ESTIMATE_RUN, org.eclipse.swt.widgets.Button.class));
            Ui.waitUntil(display, () -> Ui.text(bot.shell(), WizardIds.INIT_ESTIMATE_RESULT).contains(" by drive"), 120,
                    "the estimate");
            String shown = Ui.text(bot.shell(), WizardIds.INIT_ESTIMATE_RESULT);
            assertTrue(shown.startsWith("Estimate for seed-fs01: "), shown);
            assertTrue(shown.contains("  drives      1 of 8.0 TB"), shown);
            assertTrue(shown.lines().reduce((x, y) -> y).orElseThrow()
                    .matches("Upload instead: .* over the network vs about .* by drive"), shown);
            try (Catalog catalog = catalogs.open(data)) {
                assertTrue(catalog.job("seed-fs01").isEmpty(), "an estimate creates no job");
            }

            Ui.type(bandwidth, "fast");
            Ui.click(Ui.find(bot.shell(), WizardIds.INIT_ESTIMATE_RUN, org.eclipse.swt.widgets.Button.class));
            assertTrue(bot.errorMessage().contains("is not a rate"), bot.errorMessage());
        }
    }

    @Test
    void refusesBadInputFieldByFieldThenCreatesTheJob() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "hello");
        try (InitiateWizardBot bot = wizard()) {
            assertFalse(bot.canFinish(), "a new wizard cannot finish");
            assertEquals("", bot.fieldMessage(WizardIds.INIT_NAME), "no message before anything is typed");

            bot.name("1seed").storageAccount("Contoso_Backup").container("-seed").subscription("not-a-guid");
            assertEquals("import job name '1seed': does not start with a letter (allowed: 3–24 letters, digits and "
                    + "hyphens, starting with a letter)", bot.fieldMessage(WizardIds.INIT_NAME));
            assertEquals("storage account 'Contoso_Backup': has characters other than lowercase letters and digits "
                    + "(allowed: 3–24 lowercase letters and digits)", bot.fieldMessage(WizardIds.INIT_STORAGE_ACCOUNT));
            assertTrue(bot.fieldMessage(WizardIds.INIT_CONTAINER).startsWith("container '-seed': starts with a hyphen"),
                    bot.fieldMessage(WizardIds.INIT_CONTAINER));
            assertTrue(bot.fieldMessage(WizardIds.INIT_SUBSCRIPTION).contains("is not a GUID"));
            assertFalse(bot.canGoNext());
            assertFalse(bot.canFinish());

            validFirstPage(bot);
            assertEquals("", bot.fieldMessage(WizardIds.INIT_NAME));
            assertEquals("", bot.fieldMessage(WizardIds.INIT_STORAGE_ACCOUNT));
            assertTrue(Ui.text(bot.shell(), WizardIds.INIT_VAULT_NOTE).contains("Seedbench seeds the vault: a "
                    + "Seedbench repository in the blob container seedbench-vault of contosobackup (not a Recovery "
                    + "Services vault)"), Ui.text(bot.shell(), WizardIds.INIT_VAULT_NOTE));
            assertTrue(bot.canGoNext());
            assertFalse(bot.canFinish(), "no workload and no passphrase yet");
            bot.next();

            bot.addWorkload("files", tmp.resolve("missing").toString());
            assertTrue(bot.fieldMessage(WizardIds.INIT_WORKLOAD_TARGET).contains("missing"),
                    bot.fieldMessage(WizardIds.INIT_WORKLOAD_TARGET));
            assertEquals(List.of(), bot.workloads(), "a workload the source refuses is not added");
            bot.addWorkload("files", source.toString());
            assertEquals(List.of("files:" + source), bot.workloads());

            bot.passphrase("too short", "too short");
            assertEquals("passphrase: has 9 characters (allowed: at least 16 characters)",
                    bot.fieldMessage(WizardIds.INIT_PASSPHRASE));
            assertFalse(bot.fieldMessage(WizardIds.INIT_PASSPHRASE).contains("too short"), "the passphrase is not echoed");
            assertFalse(bot.canFinish());
            bot.passphrase(PASSPHRASE, PASSPHRASE + "x");
            assertEquals("", bot.fieldMessage(WizardIds.INIT_PASSPHRASE));
            assertTrue(bot.fieldMessage(WizardIds.INIT_PASSPHRASE_AGAIN).contains("does not match"));
            assertFalse(bot.canFinish());
            bot.passphrase(PASSPHRASE, PASSPHRASE);
            assertTrue(bot.canFinish());
            bot.finish();
            assertFalse(bot.isOpen(), "Finish closes the wizard");
        }
        try (Catalog catalog = catalogs.open(data)) {
            SeedingJob job = catalog.job("seed-fs01").orElseThrow();
            assertEquals(JobState.DRAFT, job.state());
            assertEquals("contosobackup", job.storageAccount());
            assertEquals(List.of("files:" + source), job.workloads().stream().map(WorkloadSpec::toString).toList());
        }
        // the passphrase is kept in secure storage, encrypted, and nowhere else
        assertEquals(PASSPHRASE, new String(secrets.passphrase("seed-fs01").orElseThrow().reveal()));
        SecretStore reopened = new SecretStore(TestStorage.open(tmp.resolve("secure_storage")));
        assertEquals(PASSPHRASE, new String(reopened.passphrase("seed-fs01").orElseThrow().reveal()));
        assertNotIn(PASSPHRASE, tmp);
        assertNotIn(PASSPHRASE, instanceArea());
    }

    @Test
    void aJobNameTakenIsRefused() throws Exception {
        try (InitiateWizardBot bot = wizard()) {
            validFirstPage(bot);
            bot.next();
            Path source = Files.createDirectories(tmp.resolve("source"));
            bot.addWorkload("files", source.toString()).passphrase(PASSPHRASE, PASSPHRASE);
            bot.finish();
        }
        try (InitiateWizardBot bot = wizard()) {
            validFirstPage(bot);
            assertEquals("import job name 'seed-fs01': already names a job (allowed: a name no other job has)",
                    bot.fieldMessage(WizardIds.INIT_NAME));
            assertFalse(bot.canGoNext());
        }
    }

    @Test
    void aStagingShareThatIsNotMountedIsRefusedAtFinishAsInitRefusesIt() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        try (InitiateWizardBot bot = wizard()) {
            validFirstPage(bot).staging("//seedbench-no-such-server/share/stage");
            bot.next();
            bot.addWorkload("files", source.toString()).passphrase(PASSPHRASE, PASSPHRASE);
            bot.finish();
            assertTrue(bot.isOpen(), "Finish did not create the job");
            assertEquals("staging location '//seedbench-no-such-server/share/stage': names a network share that is "
                    + "not mounted on this computer (allowed: the share mounted first (e.g. mount -t cifs "
                    + "//seedbench-no-such-server/share /mnt/share), then its UNC path or the mounted folder)",
                    bot.errorMessage());
        }
        try (Catalog catalog = catalogs.open(data)) {
            assertEquals(List.of(), catalog.jobs(), "no job was created");
        }
        assertFalse(secrets.passphrase("seed-fs01").isPresent(), "no passphrase was kept");
        assertFalse(Files.exists(Path.of("/seedbench-no-such-server")), "the share did not become a local folder");
    }

    /** A partner's workload source, registered by this test bundle as a partner's bundle would. */
    static final class PartnerInventorySource implements WorkloadSource {
        @Override
        public String id() {
            return "contosoapp";
        }

        @Override
        public String label() {
            return "Contoso App inventory";
        }

        @Override
        public WorkloadKind kind() {
            return WorkloadKind.PARTNER;
        }

        @Override
        public List<Problem> validate(WorkloadSpec spec) {
            return spec.target().endsWith(".inv") ? List.of()
                    : List.of(new Problem("workload", spec.toString(), "is not an inventory", "a .inv file"));
        }

        @Override
        public long estimateSize(WorkloadSpec spec, Progress progress) {
            return 0;
        }

        @Override
        public void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings,
                Progress progress) {
            // nothing to seed in this test
        }

        @Override
        public InputStream open(WorkloadSpec spec, WorkloadItem item) throws IOException {
            throw new IOException("no items");
        }
    }

    @Test
    void aPartnerWorkloadSourceRegisteredAtRunTimeIsOffered() throws Exception {
        var context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceRegistration<WorkloadSource> registration = context.registerService(WorkloadSource.class,
                new PartnerInventorySource(), null);
        try (InitiateWizardBot bot = wizard()) {
            validFirstPage(bot);
            bot.next();
            assertTrue(bot.workloadSources().contains("Contoso App inventory (contosoapp)"), bot.workloadSources().toString());
            assertTrue(bot.workloadSources().stream().anyMatch(s -> s.endsWith("(files)")));
            bot.addWorkload("contosoapp", "/srv/app/list.txt");
            assertTrue(bot.fieldMessage(WizardIds.INIT_WORKLOAD_TARGET).contains("is not an inventory"),
                    "the partner's own validation speaks in the wizard");
            bot.addWorkload("contosoapp", "/srv/app/list.inv").passphrase(PASSPHRASE, PASSPHRASE);
            assertTrue(bot.canFinish());
            bot.finish();
        } finally {
            registration.unregister();
        }
        try (Catalog catalog = catalogs.open(data)) {
            assertEquals(List.of("contosoapp:/srv/app/list.inv"),
                    catalog.job("seed-fs01").orElseThrow().workloads().stream().map(WorkloadSpec::toString).toList());
        }
        try (InitiateWizardBot bot = wizard()) {
            bot.name("seed-fs02").staging("/tmp/s").storageAccount("contosobackup").container("seed")
                    .subscription("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0").location("westeurope");
            bot.next();
            assertFalse(bot.workloadSources().contains("Contoso App inventory (contosoapp)"),
                    "an uninstalled source is no longer offered");
        }
    }

    @Test
    void screenshotForTheReadme() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("srv-data"));
        try (InitiateWizardBot bot = wizard()) {
            bot.shell().setSize(720, 640);
            validFirstPage(bot).staging("/mnt/stage").storageAccount("Contoso");
            Path file = Ui.screenshot(bot.shell(), "initiate-wizard");
            assertTrue(Files.size(file) > 1000, "a PNG was written: " + file);
            bot.storageAccount("contosobackup").next();
            bot.addWorkload("files", source.toString());
            Ui.screenshot(bot.shell(), "initiate-wizard-workloads");
        }
    }

    static Path instanceArea() {
        String area = System.getProperty("osgi.instance.area");
        return area == null ? null : Path.of(java.net.URI.create(area.replace(" ", "%20")));
    }

    /** Fails when a file under {@code root} holds the secret as text. */
    static void assertNotIn(String secret, Path root) throws IOException {
        if (root == null || !Files.isDirectory(root)) {
            return;
        }
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (int i = 0; i + needle.length <= content.length; i++) {
                    if (java.util.Arrays.equals(content, i, i + needle.length, needle, 0, needle.length)) {
                        throw new AssertionError("the secret is in " + f);
                    }
                }
            }
        }
    }
}
