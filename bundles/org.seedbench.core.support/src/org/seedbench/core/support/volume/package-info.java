/**
 * What every {@link org.seedbench.core.spi.DiskEncryptor} needs once a drive is unlocked and mounted as a
 * folder: {@link org.seedbench.core.support.volume.FolderVolume} keeps the path rules, unfinished files, crash-safe
 * finishing, listing and the drive's declared capacity; an encryptor adds only how plain bytes are stored.
 * {@link org.seedbench.core.support.volume.PlainFolderVolume} stores them as they are, for drives whose operating
 * system encrypts them (BitLocker).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.core.support.volume;
