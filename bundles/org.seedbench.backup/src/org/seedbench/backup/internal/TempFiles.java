package org.seedbench.backup.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Temporary files that tell a write in progress from what a dead process left: the writer holds an OS lock on
 * its temporary file for as long as it has it open, so a file nobody holds the lock of is abandoned and may be
 * removed.
 */
public final class TempFiles {
    private TempFiles() {
    }

    /** Creates a new temporary file, opened for reading and writing, locked for as long as it is open. */
    public static FileChannel createLocked(Path temp) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("cannot lock the new temporary file " + temp);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        return channel;
    }

    /** Whether no process (this one included) holds the temporary file's lock. */
    public static boolean abandoned(Path temp) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
