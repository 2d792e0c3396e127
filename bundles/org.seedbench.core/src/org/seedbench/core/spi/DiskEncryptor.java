package org.seedbench.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;

/**
 * Encrypts the drives that travel: BitLocker through {@code manage-bde} on Windows, or the portable
 * AES-256-GCM encryptor anywhere. The datacenter unlocks a drive with its {@link KeyProtector} alone.
 *
 * <p>Contract ({@code org.seedbench.testsupport.DiskEncryptorContract}): a file written through
 * {@link Volume#create} and {@link DriveFile#finish()} reads back identical through a volume unlocked with
 * the same key protector, from the start or from any offset; a file that was not finished is not listed and
 * can be resumed at a multiple of {@link Volume#RESUME_ALIGNMENT}, dropping whatever lies beyond; unlocking
 * with another key fails with {@link WrongKeyException} and reveals no byte; the key protector never
 * appears in a {@code toString()} or exception message; a drive with a declared capacity refuses to hold
 * more than that capacity.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface DiskEncryptor {

    /** e.g. {@code portable}, {@code bitlocker}. */
    String id();

    String label();

    /** Whether the encryptor can run on this computer (BitLocker: Windows with manage-bde). */
    boolean isAvailable();

    /**
     * Formats the drive (everything on it is lost; the caller has asked the admin), turns encryption on and
     * returns its new key protector.
     */
    KeyProtector prepare(DriveTarget drive, Progress progress) throws IOException;

    /**
     * Like {@link #prepare(DriveTarget, Progress)}, and records in the volume's header (readable without the key)
     * that the drive holds the seed of job {@code jobName}, for {@link #seedsOn}.
     *
     * @since 1.2
     */
    default KeyProtector prepare(DriveTarget drive, String jobName, Progress progress) throws IOException {
        return prepare(drive, progress);
    }

    /**
     * The seeding jobs whose seed the drive holds, as far as the volume tells without its key (the job its header
     * names, the job folders at its root); empty when it holds none or this encryptor cannot tell. Reads only.
     *
     * @since 1.2
     */
    default Set<String> seedsOn(DriveTarget drive) throws IOException {
        return Set.of();
    }

    /** Whether the drive holds a volume this encryptor prepared (whatever its key). */
    boolean isPrepared(DriveTarget drive) throws IOException;

    /** Opens a prepared drive for reading and writing its files. */
    Volume unlock(DriveTarget drive, KeyProtector key) throws IOException, WrongKeyException;

    /**
     * An unlocked drive. Paths are '/'-separated and relative to the drive's root; segments never start with
     * '.', which the volume keeps for its own files.
     */
    @org.osgi.annotation.versioning.ConsumerType
    interface Volume extends AutoCloseable {
        /** Offsets at which an unfinished file can be resumed are multiples of this (1 MiB). */
        int RESUME_ALIGNMENT = 1 << 20;

        /** Starts the file afresh. Its bytes are listed under {@code path} only once {@link DriveFile#finish()}ed. */
        DriveFile create(String path) throws IOException;

        /**
         * Continues the unfinished file at plain-text offset {@code at}, a multiple of {@link #RESUME_ALIGNMENT}
         * no larger than {@link #unfinishedLength}; what was written beyond {@code at} is dropped.
         */
        DriveFile resume(String path, long at) throws IOException;

        /** Plain-text bytes of the unfinished file for {@code path} that can be resumed from, or -1 if there is none. */
        long unfinishedLength(String path) throws IOException;

        /** Reads a finished file from {@code offset} on. */
        InputStream open(String path, long offset) throws IOException;

        default InputStream open(String path) throws IOException {
            return open(path, 0);
        }

        /** Plain-text length of a finished file. */
        long size(String path) throws IOException;

        boolean exists(String path) throws IOException;

        void delete(String path) throws IOException;

        /** Every finished file, sorted. */
        List<String> list() throws IOException;

        /** Bytes still free, within the drive's declared capacity. */
        long freeSpace() throws IOException;

        /** Bytes a file of {@code plainLength} bytes takes on the drive (encryption adds headers and tags). */
        long storedSize(long plainLength);

        @Override
        void close() throws IOException;
    }

    /**
     * A file being written to a drive. {@link #close()} without {@link #finish()} leaves it unfinished, to be
     * resumed or started again; it never becomes a truncated finished file.
     */
    @org.osgi.annotation.versioning.ConsumerType
    abstract class DriveFile extends OutputStream {
        /** Plain-text bytes written so far. */
        public abstract long position();

        /** Makes every byte written so far durable (fsync): a resume can start from {@link #position()}. */
        public abstract void sync() throws IOException;

        /** Completes the file: durable and listed under its name. */
        public abstract void finish() throws IOException;
    }

    /** The key protector does not unlock the drive. */
    class WrongKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        public WrongKeyException(String driveSerial) {
            super("the recovery password does not unlock drive " + driveSerial);
        }

        /** The key protector cannot unlock the drive for {@code reason}, which never holds the password itself. */
        public WrongKeyException(String driveSerial, String reason) {
            super("the recovery password does not unlock drive " + driveSerial + ": " + reason);
        }
    }
}
