package org.seedbench.workload.command.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.seedbench.core.spi.Progress;

/**
 * Runs a command and holds its standard output in a spool file until it has exited, so that the exit code
 * is known before a byte of the output reaches the seed: a failed dump is never stored, not even in part.
 */
public final class Dump {
    private static final int BUFFER = 1 << 16;
    private static final int ERROR_TAIL = 4096;

    /**
     * What a run gave: on success the spool file and its size; else {@code failure}, one line naming the
     * command, never its arguments or environment.
     */
    public record Result(Path spool, long size, Instant finished, String failure) {
        public boolean ok() {
            return failure == null;
        }

        /** Removes the spool file, if any. */
        public void discard() {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    // a temporary file; the next run or the JVM's exit removes it
                }
            }
        }
    }

    private Dump() {
    }

    /**
     * Runs {@code command} with its standard output into a new spool file in {@code spoolDirectory}.
     *
     * @param label       how the command is named in messages, e.g. {@code command 'shop'}
     * @param environment added to the process's environment
     * @param redactor    applied to the command's error output before it is quoted in a failure
     * @throws Progress.CanceledException when the progress is cancelled; the process is then stopped and
     *                                    the spool file removed
     */
    public static Result run(String label, List<String> command, Path directory, Map<String, String> environment,
            Duration timeout, Path spoolDirectory, java.util.function.UnaryOperator<String> redactor,
            Progress progress) {
        Path spool;
        try {
            Files.createDirectories(spoolDirectory);
            spool = Files.createTempFile(spoolDirectory, "seedbench-dump-", ".spool");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rw-------"));
            }
            spool.toFile().deleteOnExit();
        } catch (IOException e) {
            return new Result(null, 0, Instant.now(), "the output of " + label + " cannot be held in "
                    + spoolDirectory + ": " + e.getMessage());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            discard(spool);
            return new Result(null, 0, Instant.now(), label + " could not be started: " + startProblem(e));
        }
        ErrorTail errors = new ErrorTail(process.getErrorStream());
        errors.start();
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = null;
        if (!timeout.isZero()) {
            watchdog = new Thread(() -> {
                try {
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        timedOut.set(true);
                        stop(process);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "seedbench-command-timeout");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        long size = 0;
        boolean done = false;
        try {
            try (InputStream in = process.getInputStream(); OutputStream out = Files.newOutputStream(spool)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    size += n;
                    progress.checkCanceled();
                }
            } catch (IOException e) {
                stop(process);
                return new Result(null, 0, Instant.now(), "the output of " + label + " could not be held in "
                        + spoolDirectory + ": " + e.getMessage());
            }
            int exit = process.waitFor();
            errors.join();
            if (timedOut.get()) {
                return new Result(null, 0, Instant.now(), label + " did not finish within " + timeout.toSeconds()
                        + " s and was stopped");
            }
            if (exit != 0) {
                String last = errors.lastLine();
                return new Result(null, 0, Instant.now(), label + " exited with " + exit
                        + (last.isEmpty() ? "" : " (" + redactor.apply(last) + ")"));
            }
            done = true;
            return new Result(spool, size, Instant.now(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Progress.CanceledException();
        } finally {
            if (!done) {
                stop(process);
                discard(spool);
            }
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
    }

    private static String startProblem(IOException e) {
        // "Cannot run program "x" (in directory "d"): error=2, No such file or directory": keep the reason
        String message = String.valueOf(e.getMessage());
        int colon = message.lastIndexOf("error=");
        return colon >= 0 ? message.substring(colon) : message;
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void discard(Path spool) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            // removed at the JVM's exit
        }
    }

    /** Drains the command's error output, keeping its end. */
    private static final class ErrorTail extends Thread {
        private final InputStream in;
        private final byte[] tail = new byte[ERROR_TAIL];
        private int length;

        ErrorTail(InputStream in) {
            super("seedbench-command-stderr");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[BUFFER];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        if (n >= ERROR_TAIL) {
                            System.arraycopy(buffer, n - ERROR_TAIL, tail, 0, ERROR_TAIL);
                            length = ERROR_TAIL;
                        } else {
                            int keep = Math.min(length, ERROR_TAIL - n);
                            System.arraycopy(tail, length - keep, tail, 0, keep);
                            System.arraycopy(buffer, 0, tail, keep, n);
                            length = keep + n;
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }

        synchronized String lastLine() {
            String text = new String(tail, 0, length, StandardCharsets.UTF_8).strip();
            int nl = text.lastIndexOf('\n');
            String line = (nl >= 0 ? text.substring(nl + 1) : text).strip();
            return line.length() > 200 ? line.substring(0, 200) + "…" : line;
        }
    }
}
