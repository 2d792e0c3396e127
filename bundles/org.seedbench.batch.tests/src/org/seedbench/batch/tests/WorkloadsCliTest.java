package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code seedbench workloads} lists the installed sources with their bundles; a DPM protection group goes
 * through init, stage, snapshots and {@code restore --snapshot} one datasource at a time; an unknown
 * datasource name and system state are refused at init with one line.
 */
@ExtendWith(ServiceExtension.class)
class WorkloadsCliTest {
    static final String PASSPHRASE = "correct horse battery staple";

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    Path data;
    Path passFile;
    Path inventory;
    byte[] mdf;
    byte[] ldf;

    @BeforeEach
    void group() throws IOException {
        data = tmp.resolve("data");
        passFile = Files.writeString(tmp.resolve("pass.txt"), PASSPHRASE + "\n");
        Random random = new Random(7);
        mdf = new byte[600_000];
        ldf = new byte[70_000];
        random.nextBytes(mdf);
        random.nextBytes(ldf);
        Path sql = Files.createDirectories(tmp.resolve("replica/sql"));
        Files.write(sql.resolve("db1.mdf"), mdf);
        Files.write(sql.resolve("db1_log.ldf"), ldf);
        Path volume = Files.createDirectories(tmp.resolve("replica/d/Shares"));
        Files.writeString(volume.resolve("readme.txt"), "on the D: volume\n");
        Files.createDirectories(tmp.resolve("replica/ss"));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode inv = mapper.createObjectNode().put("schema", "seedbench.protection-group-inventory")
                .put("schemaVersion", 1).put("product", "DPM").put("productVersion", "10.22.123.0")
                .put("server", "DPM01").put("exported", "2026-12-01T22:00:00Z");
        ObjectNode pg = inv.putObject("protectionGroup").put("name", "PG-Mixed");
        ArrayNode list = pg.putArray("datasources");
        list.addObject().put("name", "SQL01\\db1").put("type", "SqlDatabase").put("computer", "SQL01")
                .put("sizeBytes", mdf.length + ldf.length).put("replicaPath", "replica/sql");
        list.addObject().put("name", "D:\\").put("type", "Volume").put("computer", "FS01").put("sizeBytes", 17)
                .put("replicaPath", "replica/d");
        list.addObject().put("name", "System Protection").put("type", "SystemState").put("computer", "FS01")
                .put("sizeBytes", 0).put("replicaPath", "replica/ss");
        inventory = Files.writeString(tmp.resolve("pg-mixed.json"), mapper.writeValueAsString(inv));
    }

    private CliRun init(String name, String workload) {
        return CliRun.run(cli, data, "init", "--name", name, "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", workload);
    }

    @Test
    void workloadsListsTheInstalledSourcesAndTheirBundles() throws IOException {
        CliRun text = CliRun.run(cli, data, "workloads");
        assertEquals(0, text.exitCode(), text.err());
        List<String> lines = text.out().lines().toList();
        assertTrue(lines.get(0).startsWith("ID"), text.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("dpm +DPM +System Center DPM protection group +"
                + "org\\.seedbench\\.workload\\.dpm 0\\.1\\.0.*")), text.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("mabs +MABS +.* org\\.seedbench\\.workload\\.mabs .*")),
                text.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("files +FILES +Files and folders +"
                + "org\\.seedbench\\.workload\\.files .*")), text.out());

        CliRun json = CliRun.run(cli, data, "workloads", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode array = new ObjectMapper().readTree(json.out());
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        assertEquals(List.of("dpm", "files", "mabs"), ids);
        assertEquals("org.seedbench.workload.mabs", array.get(2).get("bundle").asText());
        assertEquals("MABS", array.get(2).get("kind").asText());
        assertTrue(array.get(0).get("bundleVersion").asText().startsWith("0.1.0"));
    }

    @Test
    void anUnknownDatasourceIsRefusedNamingTheOnesThatExist() {
        CliRun r = init("seed-dpm", "dpm:" + inventory + "::SQL01\\db9");
        assertEquals(3, r.exitCode(), r.err());
        assertEquals(List.of("seedbench init: workload 'dpm:" + inventory + "::SQL01\\db9': protection group 'PG-Mixed' "
                + "has no datasource 'SQL01\\db9' (allowed: SQL01\\db1, D:\\, System Protection)"), r.errLines());
        assertTrue(CliRun.run(cli, data, "jobs").out().startsWith("No jobs yet"), "no job was created");
    }

    @Test
    void systemStateIsRefusedWithTheServicesReason() {
        CliRun r = init("seed-dpm", "dpm:" + inventory);
        assertEquals(3, r.exitCode(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("datasource 'System Protection' is system state / bare-metal recovery: "
                + "system state backups can't be seeded offline"), r.err());
        assertTrue(r.err().contains("name the others: dpm:" + inventory + "::SQL01\\db1::D:\\"), r.err());
    }

    @Test
    void eachDatasourceIsASnapshotThatRestoresAlone() throws IOException {
        assertEquals(0, init("seed-dpm", "dpm:" + inventory + "::SQL01\\db1::D:\\").exitCode());
        CliRun stage = CliRun.run(cli, data, "stage", "seed-dpm", "--passphrase-file", passFile.toString());
        assertEquals(0, stage.exitCode(), stage.err());

        JsonNode snapshots = new ObjectMapper().readTree(CliRun.run(cli, data, "snapshots", "seed-dpm",
                "--passphrase-file", passFile.toString(), "--json").out());
        assertEquals(2, snapshots.size(), snapshots.toString());
        String sqlSnapshot = null;
        for (JsonNode s : snapshots) {
            if (s.get("workload").asText().equals("dpm:" + inventory + "::SQL01\\db1")) {
                sqlSnapshot = s.get("id").asText();
            }
        }
        assertTrue(sqlSnapshot != null, snapshots.toString());

        Path target = tmp.resolve("restored");
        CliRun restore = CliRun.run(cli, data, "restore", "seed-dpm", "--snapshot", sqlSnapshot.substring(0, 12),
                "--target", target.toString(), "--passphrase-file", passFile.toString());
        assertEquals(0, restore.exitCode(), restore.err());
        try (Stream<Path> files = Files.walk(target)) {
            assertEquals(List.of("SQL01/SQL01_db1/db1.mdf", "SQL01/SQL01_db1/db1_log.ldf"),
                    files.filter(Files::isRegularFile).map(p -> target.relativize(p).toString()).sorted().toList());
        }
        assertArrayEquals(mdf, Files.readAllBytes(target.resolve("SQL01/SQL01_db1/db1.mdf")));
        assertArrayEquals(ldf, Files.readAllBytes(target.resolve("SQL01/SQL01_db1/db1_log.ldf")));
    }
}
