package org.seedbench.staging.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.spi.StagingProvider;

/**
 * The local staging provider reaches the engines as a Declarative Services component. Runs inside an OSGi
 * framework only (the Tycho build); a plain JUnit run has no service registry and skips it.
 */
@EnabledIf(value = "insideOsgi", disabledReason = "runs outside an OSGi framework, which has no service registry")
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RegisteredServiceTest {

    @InjectService(filter = "(component.name=org.seedbench.staging.local.LocalStagingProvider)", timeout = 10_000)
    StagingProvider provider;

    @TempDir
    Path stage;

    static boolean insideOsgi() {
        return FrameworkUtil.getBundle(RegisteredServiceTest.class) != null;
    }

    @Test
    void theRegisteredServiceIsTheLocalProvider() {
        assertEquals("local", provider.id());
        assertEquals(List.of(), provider.check(stage.toString(), 1, List.of()));
    }
}
