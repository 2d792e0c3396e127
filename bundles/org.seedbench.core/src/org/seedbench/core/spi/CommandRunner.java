package org.seedbench.core.spi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an operating-system command ({@code lsblk}, {@code manage-bde}, {@code systemd-detect-virt}…) and
 * returns what it printed. Plugins take a runner so that tests can replay recorded outputs of commands that
 * cannot run here. A command's output may hold secrets (manage-bde prints recovery passwords): callers never
 * log it.
 */
@FunctionalInterface
public interface CommandRunner {

    /** What a command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "Result[exit " + exitCode + ", " + stdout.length() + " chars out, " + stderr.length()
                    + " chars err]";
        }
    }

    /**
     * Runs {@code command} and waits up to {@code timeout}.
     *
     * @throws IOException when the command cannot start or does not end in time (it is then killed)
     */
    Result run(List<String> command, Duration timeout) throws IOException;

    /** Runs commands on this computer, decoding their output in the platform's charset. */
    CommandRunner SYSTEM = (command, timeout) -> {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            Charset cs = Charset.defaultCharset();
            return new Result(p.exitValue(), new String(out.join(), cs), new String(err.join(), cs));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(command.get(0) + " was interrupted");
        }
    };

    private static byte[] drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
