package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The round trip a user relies on, with the real files plugin: Unicode names in NFC and NFD, a 300-character
 * path, empty files and folders, a symbolic link, a 5 GiB sparse file, and a pipe that cannot be backed up
 * (a warning, exit 4). Every restored item has the source's content, permissions and modification time.
 */
@ExtendWith(ServiceExtension.class)
class RoundTripCliTest {
    static final String PASSPHRASE = "round trip passphrase 2026";

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    /** One line per item: path, type, permissions, mtime, size and content hash (or link target). */
    private static List<String> describe(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                if (p.equals(root)) {
                    continue;
                }
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String rel = root.relativize(p).toString();
                if (a.isSymbolicLink()) {
                    lines.add(rel + " link -> " + Files.readSymbolicLink(p));
                } else if (a.isDirectory()) {
                    lines.add(rel + " dir " + PosixFilePermissions.toString(a.permissions()));
                } else if (a.isRegularFile()) {
                    lines.add(rel + " file " + PosixFilePermissions.toString(a.permissions()) + " "
                            + a.lastModifiedTime().toMillis() + " " + a.size() + " " + sha256(p));
                }
            }
        }
        return lines;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everythingComesBackIdenticalWithItsMetadata() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(src.resolve(Normalizer.normalize("café-é.txt", Normalizer.Form.NFC)), "composed");
        Files.writeString(src.resolve(Normalizer.normalize("café-é.txt", Normalizer.Form.NFD)), "decomposed");
        Path deep = src;
        while (src.relativize(deep).toString().length() < 250) {
            deep = deep.resolve("d".repeat(50));
        }
        Files.createDirectories(deep);
        Path longFile = deep.resolve("f".repeat(300 - src.relativize(deep).toString().length() - 1));
        Files.writeString(longFile, "at the end of a long path");
        assertEquals(300, src.relativize(longFile).toString().length());
        Files.createDirectories(src.resolve("empty-folder"));
        Files.createFile(src.resolve("empty-file"));
        Files.createDirectories(src.resolve("links"));
        Files.createSymbolicLink(src.resolve("links/to-empty"), Path.of("../empty-file"));
        Path script = src.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\necho seed\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(script, FileTime.from(Instant.parse("2021-03-04T05:06:07Z")));
        try (RandomAccessFile sparse = new RandomAccessFile(src.resolve("disk.vhdx").toFile(), "rw")) {
            sparse.setLength(5L << 30);
            sparse.seek(3L << 30);
            sparse.write("a few bytes in the middle of nowhere".getBytes());
        }
        Process fifo = new ProcessBuilder("mkfifo", src.resolve("a-pipe").toString()).start();
        assertEquals(0, fifo.waitFor());

        Path data = tmp.resolve("data");
        Path pass = tmp.resolve("pass");
        Files.writeString(pass, PASSPHRASE);
        assertEquals(0, CliRun.run(cli, data, "init", "--name", "seed-rt", "--staging", tmp.resolve("stage").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + src)
                .exitCode());
        CliRun stage = CliRun.run(cli, data, "stage", "seed-rt", "--passphrase-file", pass.toString());
        assertEquals(4, stage.exitCode(), "completed with a warning for the pipe: " + stage.out() + stage.err());
        assertTrue(stage.out().contains("a-pipe"), stage.out());
        JsonNode status = new ObjectMapper().readTree(CliRun.run(cli, data, "status", "seed-rt", "--json").out());
        assertEquals("Staged", status.get("state").asText());
        boolean warned = false;
        for (JsonNode e : status.get("events")) {
            warned |= e.get("kind").asText().equals("stage.warning") && e.get("detail").asText().contains("a-pipe");
        }
        assertTrue(warned, "the skipped pipe is in the job's events");

        Path out = tmp.resolve("restored");
        CliRun restore = CliRun.run(cli, data, "restore", "seed-rt", "--target", out.toString(), "--passphrase-file",
                pass.toString());
        assertEquals(0, restore.exitCode(), restore.err());
        Files.delete(src.resolve("a-pipe"));
        assertEquals(describe(src), describe(out));
        Process du = new ProcessBuilder("du", "-B1", out.resolve("disk.vhdx").toString()).start();
        long used = Long.parseLong(new String(du.getInputStream().readAllBytes()).split("\\s+")[0]);
        assertEquals(0, du.waitFor());
        assertTrue(used < 64L << 20, "the restored sparse file stays sparse: " + used + " bytes on disk");
    }
}
