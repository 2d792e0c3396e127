package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.seedbench.ui.SeedbenchUi;

/**
 * The workbench's data directory: {@code -Dseedbench.data}, else {@code SEEDBENCH_DATA}, else the instance location
 * it was started with ({@code -data DIR}), else {@code ~/.seedbench} — the command line's rule with the instance
 * location in the place of {@code --data}.
 */
class DataDirectoryTest {
    private static final Path INSTANCE = Path.of("/srv/seedbench-workspace");

    @Test
    void theInstanceLocationIsTheDataDirectoryUnlessThePropertyOrTheEnvironmentSayOtherwise() {
        assertEquals(INSTANCE, SeedbenchUi.dataDirectory(null, Map.of(), INSTANCE, "/home/admin"));
        assertEquals(Path.of("/data/given"),
                SeedbenchUi.dataDirectory("/data/given", Map.of("SEEDBENCH_DATA", "/data/env"), INSTANCE, "/home/a"));
        assertEquals(Path.of("/data/env"),
                SeedbenchUi.dataDirectory(" ", Map.of("SEEDBENCH_DATA", "/data/env"), INSTANCE, "/home/admin"));
        assertEquals(Path.of("/home/admin/.seedbench"), SeedbenchUi.dataDirectory(null, Map.of(), null, "/home/admin"));
    }

    @Test
    void theInstanceLocationIsTheOneThisRuntimeWasStartedWith() throws Exception {
        String area = System.getProperty("osgi.instance.area");
        assertNotNull(area, "the test runtime has an instance area");
        Path expected = new File(new URL(area).getFile()).toPath().toAbsolutePath().normalize();
        assertEquals(expected, SeedbenchUi.instanceLocation());
    }
}
