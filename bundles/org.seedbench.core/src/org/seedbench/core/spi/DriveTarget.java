package org.seedbench.core.spi;

import java.nio.file.Path;

/**
 * A drive as an encryptor sees it: its serial, its device (for BitLocker, a volume such as {@code E:}) and
 * the folder where its file system is mounted.
 */
public record DriveTarget(String serial, String device, Path mountPoint, long capacityBytes) {
}
