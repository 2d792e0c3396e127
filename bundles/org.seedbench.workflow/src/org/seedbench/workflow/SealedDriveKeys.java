package org.seedbench.workflow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.support.files.DurableFiles;

/**
 * How the copy computers of a shared catalog hand each other their drives' key protectors, which never go into the
 * catalog: each computer leaves its drives' protectors in the job's staging location (the share every copy
 * computer reads), in {@code <staging>/<job>.drive-keys/<computer>.sealed}, encrypted with AES-256-GCM under a key
 * derived (PBKDF2-HMAC-SHA256, a random salt per file) from the job's backup passphrase, the secret every computer
 * needs anyway to prepare the job's drives. The computer that creates the import job opens the others' files with
 * the same passphrase. A file is bound to its job and computer (the GCM associated data), so it cannot be passed off
 * as another's.
 */
final class SealedDriveKeys {
    private static final String MAGIC = "seedbench-sealed-drive-keys 1";
    private static final String SUFFIX = ".sealed";
    private static final int ITERATIONS = 310_000;
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A drive's protector as another computer left it. */
    record Entry(String serial, String encryptor, KeyProtector key) {
    }

    private SealedDriveKeys() {
    }

    /** The folder of the job's sealed key files, beside its staging repository. */
    static Path folder(SeedingJob job) throws InvalidInputException {
        try {
            return Path.of(job.stagingLocation()).resolve(job.name() + ".drive-keys");
        } catch (InvalidPathException e) {
            throw new InvalidInputException(new Problem(SeedRules.STAGING, job.stagingLocation(), "is not a folder "
                    + "or share this copy computer can write", "a staging folder every copy computer mounts"));
        }
    }

    /** Seals this computer's drives' protectors (every drive of the job it prepared) for the other computers. */
    static void seal(SeedingJob job, String computer, List<Entry> entries, Secret passphrase) throws IOException,
            InvalidInputException {
        Properties values = new Properties();
        for (Entry e : entries) {
            char[] password = e.key().recoveryPassword().reveal();
            try {
                values.setProperty(e.serial() + ".encryptor", e.encryptor());
                values.setProperty(e.serial() + ".protector", e.key().id());
                values.setProperty(e.serial() + ".password", new String(password));
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        values.store(plain, null);
        byte[] clear = plain.toByteArray();
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, nonce, job.name(), computer);
            byte[] sealed = gcm.doFinal(clear);
            Base64.Encoder b64 = Base64.getEncoder();
            String text = MAGIC + "\n" + computer + "\n" + b64.encodeToString(salt) + "\n" + b64.encodeToString(nonce)
                    + "\n" + b64.encodeToString(sealed) + "\n";
            Path folder = folder(job);
            Files.createDirectories(folder);
            DurableFiles.write(folder.resolve(fileName(computer)), text.getBytes(StandardCharsets.UTF_8), true);
        } catch (GeneralSecurityException e) {
            throw new IOException("sealing the drive keys failed: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /**
     * The protectors the other computers sealed for the job.
     *
     * @throws InvalidInputException when a file does not open with the passphrase
     */
    static List<Entry> openOthers(SeedingJob job, String computer, Secret passphrase) throws IOException,
            InvalidInputException {
        Path folder = folder(job);
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        for (Path file : files) {
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
            if (lines.length < 5 || !lines[0].equals(MAGIC)) {
                throw new IOException(file + " is not a sealed drive keys file");
            }
            String from = lines[1];
            if (from.equals(computer)) {
                continue;
            }
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] clear = null;
            try {
                clear = cipher(Cipher.DECRYPT_MODE, passphrase, b64.decode(lines[2]), b64.decode(lines[3]), job.name(),
                        from).doFinal(b64.decode(lines[4]));
                Properties values = new Properties();
                values.load(new ByteArrayInputStream(clear));
                for (String name : values.stringPropertyNames()) {
                    if (name.endsWith(".protector")) {
                        String serial = name.substring(0, name.length() - ".protector".length());
                        entries.add(new Entry(serial, values.getProperty(serial + ".encryptor"), new KeyProtector(
                                values.getProperty(name), Secret.of(values.getProperty(serial + ".password")))));
                    }
                }
            } catch (AEADBadTagException e) {
                throw new InvalidInputException(new Problem(SeedRules.PASSPHRASE, null, "does not open the drive keys "
                        + "copy computer " + from + " left in " + file, "the job's backup passphrase, the one every "
                        + "copy computer of the job was given"));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException(file + " cannot be read: " + e.getClass().getSimpleName(), e);
            } finally {
                if (clear != null) {
                    Arrays.fill(clear, (byte) 0);
                }
            }
        }
        return entries;
    }

    private static Cipher cipher(int mode, Secret passphrase, byte[] salt, byte[] nonce, String jobName,
            String computer) throws GeneralSecurityException {
        char[] typed = passphrase.reveal();
        PBEKeySpec spec = new PBEKeySpec(typed, salt, ITERATIONS, 256);
        byte[] key = null;
        try {
            key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD((MAGIC + "\n" + jobName + "\n" + computer).getBytes(StandardCharsets.UTF_8));
            return gcm;
        } finally {
            spec.clearPassword();
            Arrays.fill(typed, '\0');
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private static String fileName(String computer) {
        return computer.replaceAll("[^A-Za-z0-9._-]", "_") + SUFFIX;
    }
}
