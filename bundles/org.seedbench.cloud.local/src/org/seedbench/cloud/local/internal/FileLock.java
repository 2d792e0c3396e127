package org.seedbench.cloud.local.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, between processes (an OS file lock) and between the threads of this one (the OS
 * lock belongs to the whole process, so threads first take a lock of their own for the same path).
 */
public final class FileLock implements AutoCloseable {
    /**
     * One lock per lock file for the whole JVM: two connectors in one process (the registered service and one
     * made by hand) must exclude each other as two processes do.
     */
    private static final ConcurrentMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final java.nio.channels.FileLock osLock;

    private FileLock(ReentrantLock threadLock, FileChannel channel, java.nio.channels.FileLock osLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.osLock = osLock;
    }

    /** Waits for the lock. */
    public static FileLock acquire(Path lockFile) throws IOException {
        ReentrantLock threadLock = threadLock(lockFile);
        threadLock.lock();
        return osLock(lockFile, threadLock, true).orElseThrow();
    }

    /** The lock, or empty when another thread or process holds it. */
    public static Optional<FileLock> tryAcquire(Path lockFile) throws IOException {
        ReentrantLock threadLock = threadLock(lockFile);
        if (!threadLock.tryLock()) {
            return Optional.empty();
        }
        return osLock(lockFile, threadLock, false);
    }

    private static ReentrantLock threadLock(Path lockFile) {
        return THREAD_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
    }

    private static Optional<FileLock> osLock(Path lockFile, ReentrantLock threadLock, boolean wait)
            throws IOException {
        if (threadLock.getHoldCount() > 1) {
            // re-entered by the thread that holds it: the OS lock is already ours
            return Optional.of(new FileLock(threadLock, null, null));
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = wait ? channel.lock() : channel.tryLock();
            if (lock == null) {
                channel.close();
                threadLock.unlock();
                return Optional.empty();
            }
            return Optional.of(new FileLock(threadLock, channel, lock));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (osLock != null) {
                osLock.release();
                channel.close();
            }
        } finally {
            threadLock.unlock();
        }
    }
}
