package org.seedbench.workload.command.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.BackupResult;
import org.seedbench.core.support.store.FolderObjectStore;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.workload.command.CommandDefinition;
import org.seedbench.workload.command.CommandWorkloadSource;

/**
 * Commands defined in a commands folder, staged into a real repository by the real backup engine and
 * restored: a dump round trip, a failing dump, a command stopped by its timeout, secrets kept out of
 * messages, and the refusals of {@code init --workload command:NAME}.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CommandWorkloadTest {
    private static final String DUMP = "printf 'CREATE TABLE shop (id int);\\n'; seq 1 400000";

    @InjectService(timeout = 10_000)
    BackupEngine engine;

    @TempDir
    Path temp;

    private Path commands() throws IOException {
        return Files.createDirectories(temp.resolve("commands"));
    }

    private Path spool() throws IOException {
        return Files.createDirectories(temp.resolve("spool"));
    }

    private void define(String name, String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of(lines));
        all.add("spoolDirectory = " + spool());
        Files.write(commands().resolve(name + ".cfg"), all, StandardCharsets.UTF_8);
    }

    private static byte[] run(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        return out;
    }

    private BackupResult stage(CommandWorkloadSource source, Repository repo, String name) throws IOException {
        return engine.backup(repo, List.of(new WorkloadRun(source, new WorkloadSpec("command", name))), Progress.NONE,
                w -> {
                });
    }

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aDumpIsStagedAndRestoredByteForByte() throws Exception {
        define("shop", "command = sh -c \"" + DUMP + "\"", "item = dumps/shop.sql");
        CommandWorkloadSource source = new CommandWorkloadSource(commands());
        assertEquals(List.of(), source.validate(new WorkloadSpec("command", "shop")));
        Path restored = temp.resolve("restored");
        try (Repository repo = engine.init(new FolderObjectStore(temp.resolve("repo")), Secret.of("correct horse battery staple"))) {
            BackupResult result = stage(source, repo, "shop");
            assertEquals(List.of(), result.warnings());
            assertEquals(1, result.statistics().files());
            RestoreResult r = engine.restore(repo, "latest", restored, List.of(), false, Progress.NONE);
            assertTrue(r.isComplete(), r.toString());
        }
        byte[] expected = run(DUMP);
        assertArrayEquals(expected, Files.readAllBytes(restored.resolve("dumps/shop.sql")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(restored.resolve("dumps/shop.sql"))));
        assertEquals(List.of(), files(spool()), "the spool file is removed once the run has read it");
    }

    @Test
    void aSmallOutputIsHeldInMemoryAndALargeOneInASpoolFileOnlyItsOwnerReads() throws Exception {
        define("small", "command = sh -c 'seq 1 10'", "item = dumps/small.txt");
        define("large", "command = sh -c \"" + DUMP + "\"", "item = dumps/large.sql");
        CommandWorkloadSource source = new CommandWorkloadSource(commands());
        List<WorkloadItem> items = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        source.enumerate(new WorkloadSpec("command", "small"), items::add, warnings::add, Progress.NONE);
        assertEquals(List.of(), files(spool()), "an output of 21 bytes never touches the disk");
        source.enumerate(new WorkloadSpec("command", "large"), items::add, warnings::add, Progress.NONE);
        assertEquals(List.of(), warnings);
        List<String> spooled = files(spool());
        assertEquals(1, spooled.size(), "the large output is spooled: " + spooled);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                spool().resolve(spooled.get(0)))));
        for (String[] dump : new String[][] { { "small", "dumps/small.txt", "seq 1 10" },
                { "large", "dumps/large.sql", DUMP } }) {
            WorkloadItem item = items.stream().filter(i -> i.path().equals(dump[1])).findFirst().orElseThrow();
            byte[] expected = run(dump[2]);
            assertEquals(expected.length, item.size(), dump[1]);
            try (InputStream in = source.open(new WorkloadSpec("command", dump[0]), item)) {
                assertArrayEquals(expected, in.readAllBytes(), dump[1]);
            }
        }
        assertEquals(List.of(), files(spool()), "the spool file is removed once it has been read");
    }

    @Test
    void aFailingDumpFailsTheItemWithItsExitCodeAndStoresNothingOfIt() throws Exception {
        define("broken", "command = sh -c \"" + DUMP + "; echo 'pg_dump: connection lost' >&2; exit 3\"",
                "item = dumps/broken.sql");
        CommandWorkloadSource source = new CommandWorkloadSource(commands());
        Path restored = temp.resolve("restored");
        try (Repository repo = engine.init(new FolderObjectStore(temp.resolve("repo")), Secret.of("correct horse battery staple"))) {
            BackupResult result = stage(source, repo, "broken");
            assertEquals(1, result.warnings().size(), result.warnings().toString());
            String warning = result.warnings().get(0);
            assertTrue(warning.contains("command 'broken' exited with 3"), warning);
            assertTrue(warning.contains("pg_dump: connection lost"), "the command's last error line: " + warning);
            assertTrue(result.completedWithWarnings());
            assertEquals(0, result.statistics().files());
            assertEquals(0, result.statistics().bytesNew(), "not a byte of the failed dump is stored");
            engine.restore(repo, "latest", restored, List.of(), false, Progress.NONE);
        }
        assertFalse(Files.exists(restored.resolve("dumps/broken.sql")), "no truncated dump is restored");
        assertEquals(List.of(), files(spool()), "the failed output is removed");
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedAndLeftOut() throws Exception {
        define("slow", "command = sh -c 'seq 1 10; exec sleep 60'", "timeout = 1");
        CommandWorkloadSource source = new CommandWorkloadSource(commands());
        List<String> warnings = new ArrayList<>();
        List<String> items = new ArrayList<>();
        source.enumerate(new WorkloadSpec("command", "slow"), i -> items.add(i.path()), warnings::add, Progress.NONE);
        assertEquals(List.of(), items);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("command 'slow' did not finish within 1 s and was stopped"), warnings.get(0));
        assertEquals(List.of(), files(spool()));
    }

    @Test
    void theRunReadsTheOutputItsEstimateMadeAndANewRunRunsTheCommandAgain() throws Exception {
        Path data = temp.resolve("table.csv");
        Files.writeString(data, "1,a\n");
        define("table", "command = cat " + data);
        CommandWorkloadSource source = new CommandWorkloadSource(commands());
        WorkloadSpec spec = new WorkloadSpec("command", "table");
        assertEquals(List.of(), source.validate(spec));
        assertEquals(4, source.estimateSize(spec, Progress.NONE));
        Files.writeString(data, "1,a\n2,b\n");
        List<Long> sizes = new ArrayList<>();
        source.enumerate(spec, i -> sizes.add(i.size()), w -> {
        }, Progress.NONE);
        assertEquals(List.of(4L), sizes, "the run stages what its estimate measured: the command ran once");
        // an estimate whose run never came (a failed space check) is dropped by the next run's validation
        assertEquals(8, source.estimateSize(spec, Progress.NONE));
        Files.writeString(data, "1,a\n2,b\n3,c\n");
        assertEquals(List.of(), source.validate(spec));
        sizes.clear();
        source.enumerate(spec, i -> sizes.add(i.size()), w -> {
        }, Progress.NONE);
        assertEquals(List.of(12L), sizes, "the next run runs the command again");
    }

    @Test
    void secretsOfTheEnvironmentAndArgumentsAreNeverPrinted() throws Exception {
        String secret = "hunter2-Secret-4711";
        define("secret", "command = sh -c 'echo \"login as backup with $DB_PASSWORD refused\" >&2; exit 2' " + secret,
                "environment.DB_PASSWORD = " + secret);
        CommandWorkloadSource source = new CommandWorkloadSource(commands());
        WorkloadSpec spec = new WorkloadSpec("command", "secret");
        List<String> warnings = new ArrayList<>();
        source.enumerate(spec, i -> {
        }, warnings::add, Progress.NONE);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("command 'secret' exited with 2 (login as backup with *** refused)"),
                warnings.get(0));
        // a definition with a bad environment entry: the problem does not repeat the value
        Files.writeString(commands().resolve("bad.cfg"), "command = true\nenvironment = " + secret + "\n");
        List<Problem> problems = source.validate(new WorkloadSpec("command", "bad"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("environment"), problems.get(0).message());
        for (String text : Stream.concat(warnings.stream(), problems.stream().map(Problem::message)).toList()) {
            assertFalse(text.contains(secret), "a secret is printed: " + text);
        }
        List<Problem> sink = new ArrayList<>();
        CommandDefinition d = CommandDefinition.from(java.util.Map.of("command", "mysqldump -p" + secret),
                "db", "test", sink);
        assertFalse(d.toString().contains(secret));
    }

    @Test
    void badWorkloadsAreRefusedSayingWhatToFix() throws Exception {
        define("shop", "command = sh -c 'true'");
        define("nodump", "command = no-such-dump-program --all");
        Files.writeString(commands().resolve("late.cfg"), "command = true\ntimeout = soon\n");
        CommandWorkloadSource source = new CommandWorkloadSource(commands());

        Problem unknown = single(source.validate(new WorkloadSpec("command", "shoop")));
        assertEquals("workload", unknown.field());
        assertTrue(unknown.problem().contains("no command 'shoop' is configured"), unknown.message());
        assertTrue(unknown.allowed().contains("nodump, shop") && unknown.allowed().contains(commands().toString()),
                unknown.message());

        Problem missing = single(source.validate(new WorkloadSpec("command", "nodump")));
        assertTrue(missing.problem().contains("the program 'no-such-dump-program' of command 'nodump' is not found on the PATH"),
                missing.message());

        Problem late = single(source.validate(new WorkloadSpec("command", "late")));
        assertTrue(late.message().contains("late.cfg") && late.message().contains("property 'timeout' is 'soon'"),
                late.message());

        assertEquals(List.of("nodump", "shop"), source.commandNames());
    }

    private static Problem single(List<Problem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void theMetatypeDescribesExactlyThePropertiesTheSourceReads() throws IOException {
        var url = FrameworkUtil.getBundle(CommandWorkloadSource.class)
                .getEntry("OSGI-INF/metatype/org.seedbench.workload.command.xml");
        assertTrue(url != null, "the bundle carries its metatype");
        String xml;
        try (InputStream in = url.openStream()) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> ids = new TreeSet<>();
        Matcher m = Pattern.compile("<AD id=\"([^\"]+)\"").matcher(xml);
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(new TreeSet<>(Set.of(CommandDefinition.NAME, CommandDefinition.COMMAND, CommandDefinition.ITEM,
                CommandDefinition.DIRECTORY, CommandDefinition.ENVIRONMENT, CommandDefinition.TIMEOUT,
                CommandDefinition.SPOOL_DIRECTORY)), ids);
        assertTrue(xml.contains("factoryPid=\"" + CommandWorkloadSource.PID + "\""));
    }
}
