package org.seedbench.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Encrypts the drives that travel: BitLocker through {@code manage-bde} on Windows, or the portable
 * AES-256-GCM encryptor anywhere. The datacenter unlocks a drive with its {@link KeyProtector} alone.
 *
 * <p>Contract ({@code org.seedbench.testsupport.DiskEncryptorContract}): a file written through
 * {@link Volume#create} reads back identical through a volume unlocked with the same key protector;
 * unlocking with another key fails with {@link WrongKeyException} and reveals no byte; the key protector
 * never appears in a {@code toString()} or exception message.
 */
public interface DiskEncryptor {

    /** e.g. {@code portable}, {@code bitlocker}. */
    String id();

    String label();

    /** Whether the encryptor can run on this computer (BitLocker: Windows with manage-bde). */
    boolean isAvailable();

    /** Turns encryption on for the drive (formatting where the OS does it) and returns its key protector. */
    KeyProtector prepare(DriveTarget drive, Progress progress) throws IOException;

    /** Opens a prepared drive for reading and writing its files. */
    Volume unlock(DriveTarget drive, KeyProtector key) throws IOException, WrongKeyException;

    /** An unlocked drive. Paths are '/'-separated and relative to the drive's root. */
    interface Volume extends AutoCloseable {
        OutputStream create(String path) throws IOException;

        InputStream open(String path) throws IOException;

        /** Plain-text length of a file. */
        long size(String path) throws IOException;

        List<String> list() throws IOException;

        long freeSpace() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** The key protector does not unlock the drive. */
    class WrongKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        public WrongKeyException(String driveSerial) {
            super("the recovery password does not unlock drive " + driveSerial);
        }
    }
}
