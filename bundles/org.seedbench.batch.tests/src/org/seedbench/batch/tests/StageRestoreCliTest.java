package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * stage → verify → restore through the command line, with the real files plugin, local staging, backup engine
 * and H2 catalog; and the checks that refuse bad input before anything is written.
 */
@ExtendWith(ServiceExtension.class)
class StageRestoreCliTest {
    static final String PASSPHRASE = "correct horse battery staple";

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    Path data;
    Path source;
    Path staging;
    Path passFile;

    @BeforeEach
    void dataset() throws IOException {
        data = tmp.resolve("data");
        source = Files.createDirectories(tmp.resolve("source"));
        staging = tmp.resolve("staging");
        passFile = tmp.resolve("pass.txt");
        Files.writeString(passFile, PASSPHRASE + "\n");
        Random random = new Random(1);
        Files.createDirectories(source.resolve("docs/empty"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(source.resolve("docs/report-" + i + ".txt"), ("line " + i + " of a report\n").repeat(500));
        }
        byte[] blob = new byte[3_000_000];
        random.nextBytes(blob);
        Files.write(source.resolve("blob.bin"), blob);
        Files.write(source.resolve("blob-copy.bin"), blob);
        Files.createFile(source.resolve("empty.txt"));
    }

    private CliRun run(String... args) {
        CliRun r = CliRun.run(cli, data, args);
        assertFalse(r.out().contains(PASSPHRASE) || r.err().contains(PASSPHRASE), "the passphrase was printed");
        return r;
    }

    private CliRun init(String name, Path stagingLocation) {
        return run("init", "--name", name, "--staging", stagingLocation.toString(), "--storage-account", "contosobackup",
                "--container", "seed", "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location",
                "westeurope", "--workload", "files:" + source);
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void stageVerifyRestoreRoundTripsAndARerunStoresNothingNew() throws IOException {
        assertEquals(0, init("seed-fs01", staging).exitCode());
        CliRun stage = run("stage", "seed-fs01", "--passphrase-file", passFile.toString());
        assertEquals(0, stage.exitCode(), stage.err());
        assertTrue(stage.out().startsWith("Staged seed-fs01: 23 files"), stage.out());
        assertEquals("Staged", new ObjectMapper().readTree(run("status", "seed-fs01", "--json").out()).get("state").asText());

        CliRun verify = run("verify", "seed-fs01", "--read-data", "--passphrase-file", passFile.toString());
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("Clean: "), verify.out());

        Path target = tmp.resolve("restored");
        CliRun restore = run("restore", "seed-fs01", "--target", target.toString(), "--passphrase-file",
                passFile.toString());
        assertEquals(0, restore.exitCode(), restore.err());
        assertEquals(listing(source), listing(target));
        for (String name : List.of("blob.bin", "docs/report-7.txt", "empty.txt")) {
            assertArrayEquals(Files.readAllBytes(source.resolve(name)), Files.readAllBytes(target.resolve(name)), name);
        }
        assertEquals(4, run("restore", "seed-fs01", "--target", target.toString(), "--passphrase-file",
                passFile.toString()).exitCode(), "existing files are left alone and the user is told");

        CliRun again = run("stage", "seed-fs01", "--passphrase-file", passFile.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("Nothing new to store"), again.out());
    }

    @Test
    void aWrongPassphraseIsRefusedAndWritesNothing() throws IOException {
        assertEquals(0, init("seed-fs01", staging).exitCode());
        assertEquals(0, run("stage", "seed-fs01", "--passphrase-file", passFile.toString()).exitCode());
        List<String> before = listing(staging);
        Path wrong = tmp.resolve("wrong.txt");
        Files.writeString(wrong, "not the right passphrase at all");
        CliRun r = run("stage", "seed-fs01", "--passphrase-file", wrong.toString());
        assertEquals(3, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("wrong passphrase"), r.err());
        assertEquals(before, listing(staging));
    }

    @Test
    void aShortPassphraseIsRefusedBeforeAnythingIsWritten() throws IOException {
        assertEquals(0, init("seed-fs01", staging).exitCode());
        Path shortPass = tmp.resolve("short.txt");
        Files.writeString(shortPass, "too-short");
        CliRun r = run("stage", "seed-fs01", "--passphrase-file", shortPass.toString());
        assertEquals(3, r.exitCode());
        assertEquals(List.of("seedbench stage: passphrase: has 9 characters (allowed: at least 16 characters)"),
                r.errLines());
        assertFalse(Files.exists(staging), "nothing written");
        assertEquals("Draft", new ObjectMapper().readTree(run("status", "seed-fs01", "--json").out()).get("state").asText());
    }

    @Test
    void stagingInsideTheSourceIsRefused() throws IOException {
        List<String> before = listing(source);
        CliRun r = init("seed-fs01", source.resolve("stage"));
        assertEquals(3, r.exitCode(), "init refuses it, before any stage");
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("staging location '" + source.resolve("stage") + "': lies inside the source folder"),
                r.err());
        assertEquals(before, listing(source));
        assertEquals(3, run("status", "seed-fs01").exitCode(), "no job was created");
    }

    @Test
    void stagingWithoutEnoughRoomIsRefusedWithTheFigures() throws IOException {
        try (RandomAccessFile huge = new RandomAccessFile(source.resolve("huge.vhdx").toFile(), "rw")) {
            huge.setLength(Files.getFileStore(tmp).getUsableSpace() * 2);
        }
        assertEquals(0, init("seed-fs01", staging).exitCode());
        CliRun r = run("stage", "seed-fs01", "--passphrase-file", passFile.toString());
        assertEquals(3, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().matches("(?s).*free.*needs.*\\d.*"), r.err());
        assertFalse(Files.exists(staging), "nothing written");
    }

    @Test
    void aPassphraseIsNeverTakenAsAnArgument() {
        assertEquals(0, init("seed-fs01", staging).exitCode());
        CliRun r = run("stage", "seed-fs01", "--passphrase=" + PASSPHRASE);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--passphrase-file"), r.err());
    }

    @Test
    void withoutATerminalOrFileThePassphraseIsMissing() {
        assertEquals(0, init("seed-fs01", staging).exitCode());
        List<String> args = new ArrayList<>(List.of("stage", "seed-fs01"));
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains("SEEDBENCH_PASSPHRASE"), r.err());
    }

    @Test
    void oneFlippedByteIsFoundByVerifyAndNamesTheAffectedFile() throws IOException {
        assertEquals(0, init("seed-fs01", staging).exitCode());
        assertEquals(0, run("stage", "seed-fs01", "--passphrase-file", passFile.toString()).exitCode());
        Path pack;
        try (Stream<Path> s = Files.walk(staging.resolve("seed-fs01").resolve("packs"))) {
            pack = s.filter(Files::isRegularFile).max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
                    .orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
            f.seek(f.length() / 3);
            int b = f.read();
            f.seek(f.length() / 3);
            f.write(b ^ 0x40);
        }
        CliRun verify = run("verify", "seed-fs01", "--read-data", "--passphrase-file", passFile.toString());
        assertEquals(1, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains(pack.getFileName().toString().substring(0, 8)), verify.out());
        assertTrue(verify.out().contains("affects "), verify.out());

        List<String> affected = verify.out().lines().filter(l -> l.trim().startsWith("affects "))
                .map(l -> l.trim().substring("affects ".length()).replaceAll(" \\(snapshot .*\\)$", "")).toList();
        String unaffected = listing(source).stream().filter(p -> p.endsWith(".txt") && !affected.contains(p))
                .findFirst().orElseThrow();
        Path target = tmp.resolve("partial");
        CliRun restore = run("restore", "seed-fs01", "--target", target.toString(), "--include", unaffected,
                "--passphrase-file", passFile.toString());
        assertEquals(0, restore.exitCode(), "an unaffected file restores: " + restore.err());
        assertEquals(new String(Files.readAllBytes(source.resolve(unaffected)), StandardCharsets.UTF_8),
                new String(Files.readAllBytes(target.resolve(unaffected)), StandardCharsets.UTF_8));
    }
}
