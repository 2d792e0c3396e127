package org.seedbench.cloud.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DriveDock;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;

/**
 * A folder drive really prepared with an encryptor, as drive preparation leaves it: the seed's files under
 * {@code <job>/…} and {@code drive-manifest.xml} with an MD5 per 4 MiB block.
 */
record PreparedDrive(DriveTarget target, KeyProtector key, String manifestHash, Map<String, byte[]> files) {
    static final int MIB = 1 << 20;

    /** Random files: config, an index, and packs of the given sizes. */
    static Map<String, byte[]> seedFiles(long seed, int... packSizes) {
        Random random = new Random(seed);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config", bytes(random, 300));
        files.put("index/" + hex(random), bytes(random, 20_000));
        for (int size : packSizes) {
            String id = hex(random);
            files.put("packs/" + id.substring(0, 2) + "/" + id, bytes(random, size));
        }
        return files;
    }

    static PreparedDrive prepare(DiskEncryptor encryptor, Path folder, String serial, String container, String job,
            Map<String, byte[]> files) throws Exception {
        return prepare(encryptor, folder, serial, container, job, files, xml -> xml);
    }

    /**
     * A drive whose manifest is edited before it is written (as a faulty or hostile tool might write it); the
     * manifest hash is the edited manifest's, so the job is created with it.
     */
    static PreparedDrive prepare(DiskEncryptor encryptor, Path folder, String serial, String container, String job,
            Map<String, byte[]> files, java.util.function.UnaryOperator<String> manifestEdit) throws Exception {
        Files.createDirectories(folder);
        DriveTarget target = new DriveTarget(serial, folder.toString(), folder, 1L << 30);
        KeyProtector key = encryptor.prepare(target, Progress.NONE);
        StringBuilder manifest = new StringBuilder(DriveManifest.header(serial));
        try (Volume v = encryptor.unlock(target, key)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String path = job + "/" + f.getKey();
                write(v, path, f.getValue());
                manifest.append(DriveManifest.blob(container + "/" + path, path, f.getValue().length,
                        md5s(f.getValue())));
            }
            manifest.append(DriveManifest.footer());
            byte[] xml = manifestEdit.apply(manifest.toString()).getBytes(StandardCharsets.UTF_8);
            write(v, DriveManifest.FILE_NAME, xml);
            return new PreparedDrive(target, key, DriveManifest.hex(DriveManifest.md5(xml, xml.length)), files);
        }
    }

    DriveEntry entry() {
        return entry(key, manifestHash);
    }

    DriveEntry entry(KeyProtector key, String manifestHash) {
        return new DriveEntry(target.serial(), key, "\\" + DriveManifest.FILE_NAME, manifestHash, "portable");
    }

    /** Where the drive is docked, for the simulated datacenter. */
    DriveDock.DockedDrive docked() {
        return new DriveDock.DockedDrive(target, "portable");
    }

    /** A dock holding these drives. */
    static DriveDock dock(PreparedDrive... drives) {
        java.util.Map<String, DriveDock.DockedDrive> docked = new LinkedHashMap<>();
        for (PreparedDrive d : drives) {
            docked.put(d.target().serial(), d.docked());
        }
        return DriveDock.of(docked);
    }

    /** A dock holding this drive. */
    DriveDock dock() {
        return dock(this);
    }

    /** The file's bytes on the drive (encrypted). */
    Path onDisk(String job, String file) {
        return target.mountPoint().resolve(job + "/" + file);
    }

    String pack(int index) {
        return files.keySet().stream().filter(f -> f.startsWith("packs/")).toList().get(index);
    }

    private static void write(Volume v, String path, byte[] data) throws IOException {
        try (DriveFile out = v.create(path)) {
            out.write(data);
            out.finish();
        }
    }

    private static List<byte[]> md5s(byte[] data) {
        List<byte[]> md5s = new ArrayList<>();
        for (int off = 0; off < data.length; off += DriveManifest.BLOCK_SIZE) {
            byte[] block = Arrays.copyOfRange(data, off, Math.min(data.length, off + DriveManifest.BLOCK_SIZE));
            md5s.add(DriveManifest.md5(block, block.length));
        }
        return md5s;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static String hex(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
