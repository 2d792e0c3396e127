package org.seedbench.cloud.azure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.seedbench.core.model.Secret;

/**
 * Azurite's Blob service, started on 127.0.0.1 on a free port with its data in a fresh folder, and stopped (the
 * folder deleted) when the test run ends, whether the tests passed or not.
 *
 * <p>It is the npm package {@code azurite} installed by {@code npm ci --prefix releng/azurite}
 * ({@code releng/test.sh} does it); the build passes that folder as the system property
 * {@value #HOME_PROPERTY}. The environment variable {@value #EXECUTABLE_ENV} may name an
 * {@code azurite-blob} executable instead.
 */
final class Azurite implements ExtensionContext.Store.CloseableResource {
    static final String HOME_PROPERTY = "seedbench.azurite.home";
    static final String EXECUTABLE_ENV = "AZURITE_BLOB";

    /** The emulator's well-known development account; its key is published with the emulator. */
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path folder;
    private final int port;
    private final Thread stopAtExit;

    private Azurite(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
        this.stopAtExit = new Thread(this::stopProcess, "stop Azurite");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    static Azurite start() throws IOException, InterruptedException {
        Path executable = executable();
        Path folder = Files.createTempDirectory("seedbench-azurite-");
        Path data = Files.createDirectory(folder.resolve("data"));
        Path log = folder.resolve("azurite.log");
        int port = freePort();
        Process process = new ProcessBuilder(List.of(executable.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--location", data.toString(), "--skipApiVersionCheck", "--disableTelemetry",
                "--silent")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Azurite azurite = new Azurite(process, folder, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!azurite.listens()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = Files.readString(log, StandardCharsets.UTF_8);
                azurite.close();
                throw new IOException("Azurite did not start listening on 127.0.0.1:" + port + " (" + executable
                        + "); its output:\n" + output);
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return azurite;
    }

    private static Path executable() {
        String explicit = System.getenv(EXECUTABLE_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("The system property " + HOME_PROPERTY
                    + " (the folder Azurite is installed in) is not set; the build sets it to releng/azurite");
        }
        Path bin = Paths.get(home, "node_modules", ".bin", "azurite-blob");
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("Azurite is not installed: no " + bin
                    + "; run `npm ci --prefix releng/azurite` (releng/test.sh does it)");
        }
        return bin;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private boolean listens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The Blob endpoint of the development account. */
    URI accountUrl() {
        return URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT);
    }

    /** The development account's connection string. */
    Secret connectionString() {
        return Secret.of("DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=" + accountUrl() + ";");
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or has run
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Azurite's folder " + folder + " was not deleted: " + e);
        }
    }

    private void stopProcess() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
