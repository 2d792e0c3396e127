package org.seedbench.workload.files.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;

/**
 * The files workload reaches the CLI and the workbench as a Declarative Services component. Runs inside an
 * OSGi framework only (the Tycho build); a plain JUnit run has no service registry and skips it.
 */
@EnabledIf(value = "insideOsgi", disabledReason = "runs outside an OSGi framework, which has no service registry")
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RegisteredServiceTest {

    @InjectService(filter = "(component.name=org.seedbench.workload.files.FilesWorkloadSource)", timeout = 10_000)
    WorkloadSource source;

    @TempDir
    Path root;

    static boolean insideOsgi() {
        return FrameworkUtil.getBundle(RegisteredServiceTest.class) != null;
    }

    @Test
    void theRegisteredServiceIsTheFilesWorkload() throws Exception {
        assertEquals("files", source.id());
        assertEquals(WorkloadKind.FILES, source.kind());
        Files.writeString(Files.createDirectories(root.resolve("docs")).resolve("a.txt"), "a");
        List<WorkloadItem> items = new ArrayList<>();
        source.enumerate(Listing.spec(root), items::add, w -> {
        }, Progress.NONE);
        assertEquals(List.of("docs", "docs/a.txt"), items.stream().map(WorkloadItem::path).toList());
    }
}
