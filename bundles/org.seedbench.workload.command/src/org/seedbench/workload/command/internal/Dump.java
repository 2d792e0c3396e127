package org.seedbench.workload.command.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.io.output.DeferredFileOutputStream;
import org.seedbench.core.spi.Progress;

/**
 * Runs a command and holds its standard output until it has exited, so that the exit code is known before a
 * byte of the output reaches the seed: a failed dump is never stored, not even in part. Up to
 * {@value #IN_MEMORY} bytes are held in memory; a larger output is spooled to a file (mode 0600) in the spool
 * directory.
 */
public final class Dump {
    /** Outputs up to this size never touch the disk. */
    public static final int IN_MEMORY = 1 << 20;
    private static final int BUFFER = 1 << 16;
    private static final int ERROR_TAIL = 4096;

    /**
     * What a run gave: on success the held output and its size; else {@code failure}, one line naming the
     * command, never its arguments or environment.
     */
    public record Result(DeferredFileOutputStream output, long size, Instant finished, String failure) {
        public boolean ok() {
            return failure == null;
        }

        /** Whether the output is still held (a spool file can be removed under the run). */
        public boolean held() {
            return output != null && (output.isInMemory() || Files.exists(output.getPath()));
        }

        /** Reads the held output from its start. */
        public InputStream open() throws IOException {
            return output.toInputStream();
        }

        /** Removes the spool file, if any. */
        public void discard() {
            if (output != null && !output.isInMemory()) {
                Dump.discard(output.getPath());
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
        DeferredFileOutputStream spool;
        try {
            Files.createDirectories(spoolDirectory);
            // Files.createTempFile, which the spooling uses, makes the file 0600 where the file system is POSIX
            spool = DeferredFileOutputStream.builder().setThreshold(IN_MEMORY).setDirectory(spoolDirectory)
                    .setPrefix("seedbench-dump-").setSuffix(".spool").get();
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
        boolean done = false;
        try {
            try (InputStream in = process.getInputStream(); OutputStream out = spool) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
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
            return new Result(spool, spool.getByteCount(), Instant.now(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Progress.CanceledException();
        } finally {
            if (!done) {
                stop(process);
                if (!spool.isInMemory()) {
                    discard(spool.getPath());
                }
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
            // a temporary file in the spool directory; the admin may remove it
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
