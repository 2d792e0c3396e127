package org.seedbench.workload.files.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.testsupport.WorkloadSourceContract;
import org.seedbench.workload.files.FilesWorkloadSource;

/** The files workload keeps the contract of every workload source. */
class FilesWorkloadSourceContractTest extends WorkloadSourceContract {

    private final FilesWorkloadSource source = new FilesWorkloadSource();

    @Override
    protected WorkloadSource source() {
        return source;
    }

    @Override
    protected WorkloadSpec createWorkload(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs/letters"));
        Files.writeString(dir.resolve("readme.txt"), "seed me\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("docs/plan.md"), "# plan\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("docs/letters/a.bin"), new byte[] { 1, 2, 3, 4, 5 });
        Files.createDirectories(dir.resolve("empty"));
        return new WorkloadSpec("files", dir.toString());
    }

    @Override
    protected WorkloadSpec invalidWorkload(Path dir) {
        return new WorkloadSpec("files", dir.resolve("no-such-folder").toString());
    }
}
