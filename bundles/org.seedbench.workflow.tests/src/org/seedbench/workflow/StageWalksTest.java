package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;

/**
 * How often a {@code stage} walks its sources: a first stage once for the room check (the engine is handed that
 * total) and once to back them up; a rerun only to back them up, taking the room check's figure from the previous
 * snapshot. Counted on the real files source behind a counting wrapper.
 */
@ExtendWith(ServiceExtension.class)
class StageWalksTest {
    private static final String COUNTED = "counted-files";

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(timeout = 10_000)
    List<WorkloadSource> sources;

    @TempDir
    Path tmp;

    private final AtomicInteger sizeWalks = new AtomicInteger();
    private final AtomicInteger listings = new AtomicInteger();
    private ServiceRegistration<WorkloadSource> registration;

    @BeforeEach
    void registerCountingSource() {
        WorkloadSource files = sources.stream().filter(s -> s.id().equals("files")).findFirst().orElseThrow();
        BundleContext context = FrameworkUtil.getBundle(StageWalksTest.class).getBundleContext();
        Dictionary<String, Object> properties = new Hashtable<>();
        registration = context.registerService(WorkloadSource.class, new Counting(files), properties);
    }

    @AfterEach
    void unregister() {
        registration.unregister();
    }

    @Test
    void aRerunWalksItsSourcesOnceAndAFirstStageTwice() throws Exception {
        SeedingJob j = Seeds.job(tmp, "seed-fs01", "contosobackup", 3);
        SeedingJob job = new SeedingJob(j.name(), j.stagingLocation(), j.storageAccount(), j.container(),
                j.subscriptionId(), j.location(), List.of(new WorkloadSpec(COUNTED, j.workloads().get(0).target())),
                j.connector(), j.sourceHost(), j.created(), j.state());
        Path data = tmp.resolve("data");
        try (Workspace workspace = workspaces.open(data)) {
            jobs.create(workspace, job);
        }

        stageOnce(data);
        assertEquals(1, sizeWalks.get(), "the first stage sizes its sources once, for the room check");
        assertEquals(1, listings.get(), "and lists them once, to back them up");

        stageOnce(data);
        assertEquals(1, sizeWalks.get(), "a rerun takes the room check's figure from the previous snapshot");
        assertEquals(2, listings.get(), "and lists its sources once");
    }

    private void stageOnce(Path data) throws Exception {
        try (Workspace workspace = workspaces.open(data); Secret passphrase = Secret.of(Seeds.PASSPHRASE)) {
            stage.stage(workspace, "seed-fs01", passphrase, Progress.NONE, w -> {
            });
        }
    }

    /** The files source under another id, counting its walks. */
    private final class Counting implements WorkloadSource {
        private final WorkloadSource files;

        Counting(WorkloadSource files) {
            this.files = files;
        }

        @Override
        public String id() {
            return COUNTED;
        }

        @Override
        public String label() {
            return "Counted files";
        }

        @Override
        public WorkloadKind kind() {
            return files.kind();
        }

        @Override
        public List<Problem> validate(WorkloadSpec spec) {
            return files.validate(asFiles(spec));
        }

        @Override
        public long estimateSize(WorkloadSpec spec, Progress progress) throws IOException {
            sizeWalks.incrementAndGet();
            return files.estimateSize(asFiles(spec), progress);
        }

        @Override
        public void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings,
                Progress progress) throws IOException {
            listings.incrementAndGet();
            files.enumerate(asFiles(spec), sink, warnings, progress);
        }

        @Override
        public InputStream open(WorkloadSpec spec, WorkloadItem item) throws IOException {
            return files.open(asFiles(spec), item);
        }

        private WorkloadSpec asFiles(WorkloadSpec spec) {
            return new WorkloadSpec("files", spec.target(), spec.options());
        }
    }
}
