package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code seedbench estimate JOB --bandwidth RATE}: the seed, the drives, both ways door to door, one recommendation. */
@ExtendWith(ServiceExtension.class)
class EstimateCliTest {

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    Path data;

    @BeforeEach
    void job() throws Exception {
        data = tmp.resolve("data");
        Path source = Files.createDirectories(tmp.resolve("source"));
        Random random = new Random(5);
        byte[] bytes = new byte[30_000_000];
        random.nextBytes(bytes);
        Files.write(source.resolve("random.bin"), bytes);
        for (int f = 0; f < 30; f++) {
            StringBuilder text = new StringBuilder();
            for (int line = 0; text.length() < 220_000; line++) {
                text.append("note ").append(f).append(" line ").append(line).append(": the quick brown fox\n");
            }
            text.setLength(220_000);
            Files.writeString(source.resolve("notes-" + f + ".txt"), text);
        }
        CliRun init = CliRun.run(cli, data, "init", "--name", "est-cli", "--staging", tmp.resolve("stage").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + source);
        assertEquals(0, init.exitCode(), init.err());
    }

    @Test
    void printsTheEstimateAndEndsWithOneRecommendation() {
        CliRun run = CliRun.run(cli, data, "estimate", "est-cli", "--bandwidth", "100Mbit");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Estimate for est-cli: 36.6 MB in 31 files"), run.out());
        assertTrue(run.out().contains("  drives      1 of 8.0 TB"), run.out());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("Upload instead: .* over the network vs about .* by drive"), last);
    }

    @Test
    void jsonCarriesTheFiguresAndRatesInBitsOrBytes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode bits = json.readTree(CliRun.run(cli, data, "estimate", "est-cli", "--bandwidth", "100Mbit",
                "--json").out().lines().reduce((a, b) -> b).orElseThrow());
        JsonNode bytes = json.readTree(CliRun.run(cli, data, "estimate", "est-cli", "--bandwidth", "12.5MB/s",
                "--utilisation", "0.5", "--transit-days", "3", "--processing-days", "7", "--json").out().lines()
                .reduce((a, b) -> b).orElseThrow());

        assertEquals(10_000_000, bits.get("networkBytesPerSecond").asLong(), bits.toString());
        assertEquals(36_600_000, bits.get("sourceBytes").asLong());
        assertTrue(bits.get("storedBytes").asLong() < 34_000_000, "the text compresses: " + bits);
        assertTrue(bits.get("storedBytes").asLong() > 30_000_000, "the random bytes do not: " + bits);
        assertEquals(6_250_000, bytes.get("networkBytesPerSecond").asLong(), bytes.toString());
        assertEquals(10.0, bytes.get("transitDays").asDouble() + bytes.get("processingDays").asDouble());
        assertEquals(false, bytes.get("shipDrives").asBoolean());
    }

    @Test
    void aBadRateIsOneLineAndExit3() {
        CliRun run = CliRun.run(cli, data, "estimate", "est-cli", "--bandwidth", "fast");

        assertEquals(3, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("100Mbit"), run.err());
    }
}
