package org.seedbench.ui.tests.wizards;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;

/**
 * Real Equinox secure storage in a file of the test's own, its master password given as the
 * {@link IProviderHints#DEFAULT_PASSWORD} option (what {@code -eclipse.password FILE} does for the workbench), so no
 * dialog asks for it.
 */
final class TestStorage {
    static final String MASTER_PASSWORD = "test master password 42";

    private TestStorage() {
    }

    static ISecurePreferences open(Path file) throws IOException {
        return SecurePreferencesFactory.open(file.toUri().toURL(), Map.of(IProviderHints.DEFAULT_PASSWORD,
                new PBEKeySpec(MASTER_PASSWORD.toCharArray()), IProviderHints.PROMPT_USER, Boolean.FALSE));
    }
}
