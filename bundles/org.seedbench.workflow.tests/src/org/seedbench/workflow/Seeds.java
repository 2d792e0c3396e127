package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;

/** Jobs for the workflow's tests: a source of a few random files under the test's own folder. */
final class Seeds {
    static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    static final String PASSPHRASE = "correct horse battery staple";

    private Seeds() {
    }

    /** A new job of the local cloud that seeds a folder of {@code files} random files of 100 kB. */
    static SeedingJob job(Path tmp, String name, String storageAccount, int files) throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source-" + name));
        Random random = new Random(name.hashCode());
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < files; i++) {
            random.nextBytes(bytes);
            Files.write(source.resolve("file-" + i + ".bin"), bytes);
        }
        return new SeedingJob(name, tmp.resolve("staging").toString(), storageAccount, "seed", SUBSCRIPTION,
                "westeurope", List.of(new WorkloadSpec("files", source.toString())), null, null, Instant.now(),
                JobState.DRAFT);
    }
}
