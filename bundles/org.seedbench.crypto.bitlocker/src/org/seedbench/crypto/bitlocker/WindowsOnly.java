package org.seedbench.crypto.bitlocker;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Enables the {@link BitLockerEncryptor} component on Windows only. The encryptor's component is disabled by
 * default, so on Linux and macOS no BitLocker service is registered and nothing is logged: the workbench and the
 * CLI simply do not offer it.
 */
@Component(immediate = true, service = {})
public class WindowsOnly {

    @Activate
    void activate(ComponentContext context) {
        if (isWindows(System.getProperty("os.name"))) {
            context.enableComponent(BitLockerEncryptor.class.getName());
        }
    }

    static boolean isWindows(String osName) {
        return osName != null && osName.startsWith("Windows");
    }
}
