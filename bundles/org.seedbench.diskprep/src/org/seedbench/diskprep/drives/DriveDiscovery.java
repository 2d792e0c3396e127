package org.seedbench.diskprep.drives;

import java.io.IOException;
import java.util.Locale;

import org.seedbench.core.spi.CommandRunner;

/**
 * Lists the drives attached to this computer. Implementations run the operating system's own tool through a
 * {@link CommandRunner}, so that tests replay recorded outputs: {@link LsblkDiscovery} on Linux,
 * {@link GetDiskDiscovery} on Windows.
 */
@FunctionalInterface
public interface DriveDiscovery {

    /**
     * @throws IOException when the tool cannot run or prints something that cannot be read; the message is one
     *                     line that names the tool
     */
    DiscoveredDrives discover() throws IOException;

    /** The discovery for the operating system this JVM runs on. */
    static DriveDiscovery forThisComputer(CommandRunner runner) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.startsWith("windows") ? new GetDiskDiscovery(runner) : new LsblkDiscovery(runner);
    }

    /** For a computer where only folder drives are used: finds no drive. */
    DriveDiscovery NONE = () -> DiscoveredDrives.NONE;
}
