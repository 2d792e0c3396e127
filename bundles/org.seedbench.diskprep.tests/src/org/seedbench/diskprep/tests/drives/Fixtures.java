package org.seedbench.diskprep.tests.drives;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.seedbench.core.spi.CommandRunner;

/** Recorded outputs under {@code fixtures/}, read through the bundle, and a runner that replays them. */
final class Fixtures {

    private Fixtures() {
    }

    private static Bundle bundle() {
        Bundle bundle = FrameworkUtil.getBundle(Fixtures.class);
        assertNotNull(bundle, "the tests run inside OSGi");
        return bundle;
    }

    /** The entry at {@code fixtures/<path>}; the fragment's entries are found through its host. */
    static URL entry(String path) {
        String full = "fixtures/" + path;
        int slash = full.lastIndexOf('/');
        Enumeration<URL> found = bundle().findEntries(full.substring(0, slash), full.substring(slash + 1), false);
        assertNotNull(found, "fixture " + full + " is missing");
        return found.nextElement();
    }

    static String text(String path) throws IOException {
        try (InputStream in = entry(path).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static boolean exists(String path) {
        String full = "fixtures/" + path;
        int slash = full.lastIndexOf('/');
        return bundle().findEntries(full.substring(0, slash), full.substring(slash + 1), false) != null;
    }

    /** Copies the files under {@code fixtures/<folder>/} into {@code target}, keeping their relative paths. */
    static Path copyTree(String folder, Path target) throws IOException {
        String prefix = "fixtures/" + folder + "/";
        Enumeration<URL> all = bundle().findEntries("fixtures/" + folder, "*", true);
        assertNotNull(all, "fixture folder " + prefix + " is missing");
        while (all.hasMoreElements()) {
            URL url = all.nextElement();
            String path = url.getPath();
            int at = path.indexOf(prefix);
            if (path.endsWith("/") || at < 0) {
                continue;
            }
            Path file = target.resolve(path.substring(at + prefix.length()));
            Files.createDirectories(file.getParent());
            try (InputStream in = url.openStream()) {
                Files.write(file, in.readAllBytes());
            }
        }
        return target;
    }

    /** Replays recorded results; a command it has no record of fails as a missing program does. */
    static final class Replay implements CommandRunner {
        private final Map<List<String>, Result> records = new LinkedHashMap<>();
        final List<List<String>> ran = new ArrayList<>();

        Replay record(List<String> command, int exit, String stdout, String stderr) {
            records.put(command, new Result(exit, stdout, stderr));
            return this;
        }

        @Override
        public Result run(List<String> command, Duration timeout) throws IOException {
            ran.add(command);
            Result r = records.get(command);
            if (r == null) {
                throw new IOException("Cannot run program \"" + command.get(0) + "\": error=2, No such file or directory");
            }
            return r;
        }
    }
}
