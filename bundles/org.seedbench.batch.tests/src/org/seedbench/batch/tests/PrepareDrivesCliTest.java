package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * prepare-drives, drives and verify-drive through the command line onto folder drives, with the real files
 * plugin, backup engine, portable encryptor and H2 catalog: about 200 MB of incompressible data (4 packs).
 */
@ExtendWith(ServiceExtension.class)
class PrepareDrivesCliTest {
    static final String PASSPHRASE = "correct horse battery staple";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    Path data;
    Path passFile;

    @BeforeEach
    void stageASeed() throws IOException {
        data = tmp.resolve("data");
        Path source = Files.createDirectories(tmp.resolve("source"));
        passFile = tmp.resolve("pass.txt");
        Files.writeString(passFile, PASSPHRASE + "\n");
        Random random = new Random(3);
        byte[] chunk = new byte[10_000_000];
        for (int i = 0; i < 20; i++) {
            random.nextBytes(chunk);
            Files.write(source.resolve("data-" + i + ".bin"), chunk);
        }
        assertEquals(0, run("init", "--name", "seed-fs01", "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + source)
                .exitCode());
        CliRun stage = run("stage", "seed-fs01", "--passphrase-file", passFile.toString());
        assertEquals(0, stage.exitCode(), stage.err());
    }

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    private String drive(String serial, String capacity) {
        return "dir:" + tmp.resolve("drives/" + serial) + ",capacity=" + capacity + ",serial=" + serial;
    }

    private CliRun prepare(String... drives) {
        List<String> args = new ArrayList<>(List.of("prepare-drives", "seed-fs01", "--yes-format"));
        for (String d : drives) {
            args.add("--drive");
            args.add(d);
        }
        return run(args.toArray(String[]::new));
    }

    private JsonNode json(String... args) throws IOException {
        CliRun r = run(args);
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(r.out());
    }

    private String state() throws IOException {
        return json("status", "seed-fs01", "--json").path("state").asText();
    }

    @Test
    void threeFolderDrivesTakeTheSeedAndVerifyClean() throws IOException {
        CliRun r = prepare(drive("SB-0001", "90M"), drive("SB-0002", "90M"), drive("SB-0003", "90M"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Drives ready for seed-fs01"), r.out());
        assertTrue(r.out().contains("Import job seed-fs01 created"), r.out());
        assertEquals("Creating", state());

        JsonNode drives = json("drives", "seed-fs01", "--json");
        assertEquals(3, drives.size());
        for (JsonNode d : drives) {
            assertEquals("Specified", d.path("state").asText());
            assertEquals(32, d.path("manifestHash").asText().length(), d.toString());
            String serial = d.path("serial").asText();
            CliRun verify = run("verify-drive", "seed-fs01", serial);
            assertEquals(0, verify.exitCode(), verify.err());
            assertTrue(verify.out().startsWith("Drive " + serial + " is clean"), verify.out());
            assertTrue(Files.exists(data.resolve("drives/seed-fs01/seed-fs01_DriveInfo_" + serial + ".xml")));
        }
        String keys = Files.readString(data.resolve("drives/seed-fs01/drive-keys.properties"));
        String all = r.out() + r.err() + run("drives", "--json").out() + run("status", "seed-fs01", "--json").out();
        for (String line : keys.split("\n")) {
            if (line.contains(".password=")) {
                assertFalse(all.contains(line.substring(line.indexOf('=') + 1)), "a recovery password was printed");
            }
        }
    }

    @Test
    void twoDrivesStopWithTheShortfallAndAThirdCompletesWithoutRecopying() throws IOException {
        CliRun two = prepare(drive("SB-0001", "90M"), drive("SB-0002", "90M"));
        assertEquals(4, two.exitCode(), two.out() + two.err());
        assertTrue(two.err().matches("(?s)seedbench prepare-drives: the drives are full: the seed needs 1 more drive "
                + "with at least .*"), two.err());
        assertEquals("PreparingDrives", state());

        CliRun three = run("prepare-drives", "seed-fs01", "--yes-format", "--json", "--drive", drive("SB-0001", "90M"),
                "--drive", drive("SB-0002", "90M"), "--drive", drive("SB-0003", "90M"));
        assertEquals(0, three.exitCode(), three.err());
        JsonNode done = JSON.readTree(three.out().lines().filter(l -> l.contains("\"event\":\"done\""))
                .reduce((a, b) -> b).orElseThrow());
        for (JsonNode d : done.path("drives")) {
            if (!d.path("serial").asText().equals("SB-0003")) {
                assertEquals(0, d.path("blocksCopied").asInt(), d.toString());
            }
        }
        assertEquals("Creating", state());
    }

    @Test
    void aFlippedByteIsNamedByBlobAndBlock() throws IOException {
        assertEquals(0, prepare(drive("SB-0001", "300M")).exitCode());
        Path pack;
        try (Stream<Path> files = Files.walk(tmp.resolve("drives/SB-0001/seed-fs01/packs"))) {
            pack = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[5_000_000] ^= 1;
        Files.write(pack, bytes);
        CliRun r = run("verify-drive", "seed-fs01", "SB-0001");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        String id = pack.getFileName().toString();
        assertTrue(r.err().contains("blob seed/seed-fs01/packs/" + id.substring(0, 2) + "/" + id + " block 1 "), r.err());
    }

    @Test
    void aWrongOrMalformedRecoveryPasswordIsOneClearLine() throws IOException {
        assertEquals(0, prepare(drive("SB-0001", "300M")).exitCode());
        Path wrong = tmp.resolve("wrong.txt");
        Files.writeString(wrong, "000011-000022-000033-000044-000055-000066-000077-000088\n");
        CliRun r = run("verify-drive", "seed-fs01", "SB-0001", "--recovery-password-file", wrong.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("seedbench verify-drive: recovery password: does not unlock drive SB-0001"),
                r.err());
        assertFalse(r.err().contains("000011"), "the password was printed");
        Files.writeString(wrong, "000012-000022-000033-000044-000055-000066-000077-000088\n");
        r = run("verify-drive", "seed-fs01", "SB-0001", "--recovery-password-file", wrong.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("group 1 is not a multiple of 11"), r.err());
    }

    @Test
    void badDrivesAreRefusedBeforeAnythingIsWritten() throws IOException {
        List<String> eleven = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            eleven.add(drive(String.format("SB-%04d", i), "90M"));
        }
        assertRefused(prepare(eleven.toArray(String[]::new)), "11 drives for one job");
        assertRefused(prepare(drive("SB-0001", "12T")), "at most 10 TB per drive");
        CliRun noConfirm = run("prepare-drives", "seed-fs01", "--drive", drive("SB-0001", "300M"));
        assertRefused(noConfirm, "--yes-format");
        assertFalse(Files.exists(tmp.resolve("drives/SB-0001/seed-fs01")), "nothing was written to the drive");
    }

    private void assertRefused(CliRun r, String expected) throws IOException {
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals("Staged", state());
        assertEquals(0, json("drives", "seed-fs01", "--json").size());
    }
}
