package org.seedbench.workflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.support.files.DurableFiles;

/**
 * The key protectors of a job's drives, in a 0600 file of the data directory
 * ({@code drives/<job>/drive-keys.properties}) until the workbench keeps them in secure storage. A drive's
 * entry is written right after the encryptor returns its key, before anything is copied, so a run killed at
 * any point can unlock the drive again. The file's content never reaches a log.
 */
final class DriveKeys {
    static final String FILE = "drive-keys.properties";
    private final Path file;
    private final Properties values = new Properties();

    private DriveKeys(Path file) {
        this.file = file;
    }

    static DriveKeys load(Path jobFolder) throws IOException {
        DriveKeys keys = new DriveKeys(jobFolder.resolve(FILE));
        if (Files.exists(keys.file)) {
            try (InputStream in = Files.newInputStream(keys.file)) {
                keys.values.load(in);
            }
        }
        return keys;
    }

    Optional<KeyProtector> key(String serial) {
        String id = values.getProperty(serial + ".protector");
        String password = values.getProperty(serial + ".password");
        return id == null || password == null ? Optional.empty() : Optional.of(new KeyProtector(id, Secret.of(password)));
    }

    /** The serials of the drives this file keeps protectors of. */
    java.util.List<String> serials() {
        String suffix = ".protector";
        return values.stringPropertyNames().stream().filter(n -> n.endsWith(suffix))
                .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
    }

    Optional<String> encryptor(String serial) {
        return Optional.ofNullable(values.getProperty(serial + ".encryptor"));
    }

    void put(String serial, String encryptor, KeyProtector key) throws IOException {
        char[] password = key.recoveryPassword().reveal();
        try {
            values.setProperty(serial + ".encryptor", encryptor);
            values.setProperty(serial + ".protector", key.id());
            values.setProperty(serial + ".password", new String(password));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            values.store(out, "Seedbench drive key protectors: keep secret");
            DurableFiles.write(file, out.toByteArray(), true);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** The reference the catalog records instead of the secret. */
    static String reference(String jobName, String serial) {
        return "keyfile:drives/" + jobName + "/" + FILE + "#" + serial;
    }

    @Override
    public String toString() {
        return "DriveKeys[" + file + "]";
    }
}
