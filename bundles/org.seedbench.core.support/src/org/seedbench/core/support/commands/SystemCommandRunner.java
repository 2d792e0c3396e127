package org.seedbench.core.support.commands;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.seedbench.core.spi.CommandRunner;

/**
 * Runs commands on this computer, decoding their output in the platform's charset. Registered as the
 * {@link CommandRunner} service; it holds no state, so code that is not a component may create its own.
 */
@Component(service = CommandRunner.class)
public final class SystemCommandRunner implements CommandRunner {
    private static final java.util.concurrent.Executor DRAINER = task -> {
        Thread t = new Thread(task, "seedbench command output");
        t.setDaemon(true);
        t.start();
    };

    @Override
    public Result run(List<String> command, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        // each stream drained on a thread of its own, so a command that fills one pipe while the other is read
        // never waits: the common pool may run its tasks one at a time (Java 25 on a machine of two cores)
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), DRAINER);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), DRAINER);
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
    }

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
