package org.seedbench.crypto.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.FrameworkUtil;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.spi.DiskEncryptor;

/**
 * The portable encryptor reaches the engines as a Declarative Services component on every computer. Runs
 * inside an OSGi framework only (the Tycho build).
 */
@EnabledIf(value = "insideOsgi", disabledReason = "runs outside an OSGi framework, which has no service registry")
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RegisteredServiceTest {

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.PortableEncryptor)", timeout = 10_000)
    DiskEncryptor encryptor;

    static boolean insideOsgi() {
        return FrameworkUtil.getBundle(RegisteredServiceTest.class) != null;
    }

    @Test
    void theRegisteredServiceIsThePortableEncryptor() {
        assertEquals("portable", encryptor.id());
        assertTrue(encryptor.isAvailable());
    }
}
