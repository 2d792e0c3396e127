package org.seedbench.crypto.bitlocker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.spi.DiskEncryptor;

/**
 * The BitLocker encryptor is a DiskEncryptor service on Windows only: elsewhere its component stays disabled,
 * so no service is registered and nothing is logged. Runs inside an OSGi framework only (the Tycho build).
 */
@EnabledIf(value = "insideOsgi", disabledReason = "runs outside an OSGi framework, which has no service registry")
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RegisteredOnlyOnWindowsTest {
    private static final String ENCRYPTOR = BitLockerEncryptor.class.getName();

    @InjectService(timeout = 10_000)
    ServiceComponentRuntime scr;

    @InjectBundleContext
    BundleContext context;

    static boolean insideOsgi() {
        return FrameworkUtil.getBundle(RegisteredOnlyOnWindowsTest.class) != null;
    }

    @Test
    void theEncryptorIsEnabledExactlyWhenThisIsWindows() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(BitLockerEncryptor.class);
        ComponentDescriptionDTO gate = scr.getComponentDescriptionDTO(bundle, WindowsOnly.class.getName());
        assertNotNull(gate, "the Windows gate is a component");
        long deadline = System.currentTimeMillis() + 10_000;
        while (scr.getComponentConfigurationDTOs(gate).stream()
                .noneMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE) && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(scr.getComponentConfigurationDTOs(gate).stream()
                .anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE), "the gate has run");

        ComponentDescriptionDTO encryptor = scr.getComponentDescriptionDTO(bundle, ENCRYPTOR);
        boolean windows = WindowsOnly.isWindows(System.getProperty("os.name"));
        assertEquals(windows, scr.isComponentEnabled(encryptor));
        Collection<ServiceReference<DiskEncryptor>> services = context.getServiceReferences(DiskEncryptor.class,
                "(component.name=" + ENCRYPTOR + ")");
        assertEquals(windows, !services.isEmpty());
    }

    @Test
    void windowsIsToldByItsName() {
        assertTrue(WindowsOnly.isWindows("Windows 11"));
        assertTrue(WindowsOnly.isWindows("Windows Server 2022"));
        assertFalse(WindowsOnly.isWindows("Linux"));
        assertFalse(WindowsOnly.isWindows("Mac OS X"));
        assertFalse(WindowsOnly.isWindows(null));
    }
}
