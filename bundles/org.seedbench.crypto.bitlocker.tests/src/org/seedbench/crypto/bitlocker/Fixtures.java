package org.seedbench.crypto.bitlocker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Recorded command outputs, read from this test bundle's {@code fixtures/manage-bde} folder. */
final class Fixtures {
    private Fixtures() {
    }

    static String manageBde(String name) {
        Bundle bundle = FrameworkUtil.getBundle(Fixtures.class);
        if (bundle == null) {
            throw new IllegalStateException("fixtures are read from the test bundle: run the tests inside OSGi "
                    + "(mvn verify, or as a JUnit Plug-in Test)");
        }
        // the tests are a fragment: findEntries searches the host and its fragments, getEntry the host alone
        Enumeration<URL> found = bundle.findEntries("fixtures/manage-bde", name, false);
        if (found == null || !found.hasMoreElements()) {
            throw new IllegalArgumentException("no fixtures/manage-bde/" + name + " in the test bundle");
        }
        try (InputStream in = found.nextElement().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
