package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a test needs to start a small Java main of this bundle as a process of its own. */
final class JavaProcesses {
    private JavaProcesses() {
    }

    /** The java command of this JVM. */
    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The class path that holds {@code types}: the bundles (folders or jars) they come from, wherever they are. */
    static String classPath(List<Class<?>> types) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : types) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            assertNotNull(source, type.getName() + " has no code source to start a process with");
            entries.add(path(source.getLocation()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path path(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            return Path.of(url.getPath());
        }
    }
}
