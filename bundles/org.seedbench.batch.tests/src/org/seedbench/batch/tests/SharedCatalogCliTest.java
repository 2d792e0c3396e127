package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.testsupport.PostgresServer;

/**
 * The command line on a shared catalog on the real PostgreSQL server: {@code --catalog URL} or
 * {@code SEEDBENCH_CATALOG} on two computers (two data directories) sees one set of jobs; the catalog verb's
 * backups are refused for it in one line, its roles are made, its chains verified, and an embedded catalog is copied
 * into a new one once.
 */
@ExtendWith(ServiceExtension.class)
class SharedCatalogCliTest {

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    private CliRun run(Path data, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] init(String name, String... more) throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "a file to seed\n");
        List<String> args = new ArrayList<>(List.of("init", "--name", name, "--staging",
                tmp.resolve("staging").toString(), "--storage-account", "contosobackup", "--container", "seed",
                "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload",
                "files:" + source));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void twoComputersOnOneSharedCatalogSeeOneSetOfJobs() throws Exception {
        String url = PostgresServer.get().newDatabase("cli_shared");
        Path laptop = tmp.resolve("laptop");
        Path copyHost = tmp.resolve("copyhost");

        CliRun created = run(laptop, Map.of(), init("seed-fs01", "--catalog", url));
        CliRun fromEnv = run(copyHost, Map.of("SEEDBENCH_CATALOG", url), "jobs", "--json");
        CliRun verified = run(copyHost, Map.of(), "catalog", "verify", "--catalog", url);

        assertEquals(0, created.exitCode(), created.err());
        assertEquals(0, fromEnv.exitCode(), fromEnv.err());
        assertTrue(fromEnv.out().contains("\"seed-fs01\""), fromEnv.out());
        assertEquals(0, verified.exitCode(), verified.err());
        assertTrue(verified.out().matches("(?s)seed-fs01: \\d+ events, chain intact\\R"), verified.out());
        assertTrue(Files.notExists(copyHost.resolve("catalog.mv.db")), "the shared catalog lives on the server");
    }

    @Test
    void backupsAreRefusedForASharedCatalogInOneLineAndInitRolesPrintsItsStatements() throws Exception {
        String url = PostgresServer.get().newDatabase("cli_roles");
        Path data = tmp.resolve("data");
        assertEquals(0, run(data, Map.of(), init("seed-fs01", "--catalog", url)).exitCode());

        CliRun backups = run(data, Map.of(), "catalog", "backups", "--catalog", url);
        CliRun roles = run(data, Map.of(), "catalog", "init-roles", "--catalog", url);
        CliRun noRolesHere = run(data, Map.of(), "catalog", "init-roles");

        assertEquals(3, backups.exitCode(), backups.err());
        assertEquals(1, backups.errLines().size(), backups.err());
        assertTrue(backups.err().contains("catalog backups and restore are for the embedded catalog"), backups.err());
        assertTrue(backups.err().contains("pg_dump"), backups.err());
        assertEquals(0, roles.exitCode(), roles.err());
        assertTrue(roles.out().contains("GRANT SELECT, INSERT ON public.events TO seedbench_operator;"), roles.out());
        assertTrue(roles.out().contains("GRANT seedbench_auditor TO carol"), roles.out());
        assertEquals(3, noRolesHere.exitCode(), noRolesHere.err());
    }

    @Test
    void anEmbeddedCatalogIsCopiedIntoANewSharedOneOnceAndTheSecondCopyIsRefused() throws Exception {
        String url = PostgresServer.get().newDatabase("cli_copy");
        Path data = tmp.resolve("data");
        assertEquals(0, run(data, Map.of(), init("seed-fs01")).exitCode());

        CliRun copied = run(data, Map.of(), "catalog", "copy", "--to", url);
        CliRun again = run(data, Map.of(), "catalog", "copy", "--to", url);
        CliRun shared = run(tmp.resolve("elsewhere"), Map.of(), "jobs", "--json", "--catalog", url);

        assertEquals(0, copied.exitCode(), copied.err());
        assertTrue(copied.out().contains("jobs                   1 rows, the same in both"), copied.out());
        assertTrue(copied.out().contains("1 event chains, each verified"), copied.out());
        assertEquals(3, again.exitCode(), again.err());
        assertEquals(1, again.errLines().size(), again.err());
        assertTrue(again.err().contains("already holds 1 job"), again.err());
        assertTrue(shared.out().contains("\"seed-fs01\""), shared.out());
    }
}
