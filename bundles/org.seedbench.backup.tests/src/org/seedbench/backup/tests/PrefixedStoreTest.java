package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.PrefixedStore;
import org.seedbench.backup.Repository;
import org.seedbench.core.spi.ObjectStore.PendingObject;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.VerifyReport;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;

/**
 * The backup engine's repository under a name prefix of a blob container (the vault) of the embedded local cloud
 * connector: a backup, a read-data verification and a restore run through blob puts, listings and ranged reads
 * only. (The spooling of objects written to an Azure container is tested with the Azure connector.)
 */
@ExtendWith(ServiceExtension.class)
class PrefixedStoreTest {
    private static final int MIB = 1024 * 1024;
    private final Fixture fx = new Fixture();

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector local;

    @TempDir
    Path temp;

    ObjectStore vault;

    @BeforeEach
    void signIn() throws IOException {
        vault = local.signIn(ConnectorSettings.of(temp.resolve("data"))).container("contosobackup", "seedbench-vault");
    }

    private PrefixedStore storage(String prefix) {
        return new PrefixedStore(vault, prefix);
    }

    private Path source() throws Exception {
        Path src = temp.resolve("source");
        Files.createDirectories(src.resolve("docs"));
        Files.write(src.resolve("docs/report.txt"), Fixture.text(1, 2 * MIB));
        Files.write(src.resolve("data.bin"), Fixture.random(2, 3 * MIB + 17));
        Files.write(src.resolve("empty.txt"), new byte[0]);
        return src;
    }

    @Test
    void aBackupInTheContainerVerifiesAndRestoresIdentical() throws Exception {
        Path src = source();
        PrefixedStore storage = storage("seed-fs01/");
        try (Repository repo = fx.engine.init(storage, Fixture.passphrase(), Fixture.SMALL)) {
            fx.backup(repo, src);
        }
        List<String> blobs = vault.list("");
        assertTrue(blobs.contains("seed-fs01/config"), blobs.toString());
        assertTrue(blobs.stream().allMatch(b -> b.startsWith("seed-fs01/")), blobs.toString());
        assertTrue(blobs.stream().anyMatch(b -> b.matches("seed-fs01/packs/[0-9a-f]{2}/[0-9a-f]{64}")), blobs.toString());
        assertEquals(List.of(), tempFiles(), "no temporary object is left");
        assertEquals("local:contosobackup/seedbench-vault/seed-fs01/", storage.location());

        try (Repository repo = fx.engine.open(storage("seed-fs01/"), Fixture.passphrase())) {
            VerifyReport report = fx.engine.verify(repo, true, Progress.NONE);
            assertTrue(report.isClean(), report.problems().toString());
            assertTrue(report.blobsRead() > 0);
            Path target = temp.resolve("restored");
            RestoreResult restored = fx.engine.restore(repo, "latest", target, List.of(), false, Progress.NONE);
            assertEquals(List.of(), restored.failed());
            Fixture.assertSameTree(src, target);
        }
    }

    @Test
    void aSecondBackupSendsOnlyWhatChanged() throws Exception {
        Path src = source();
        PrefixedStore first = storage("seed-fs01/");
        try (Repository repo = fx.engine.init(first, Fixture.passphrase(), Fixture.SMALL)) {
            fx.backup(repo, src);
        }
        Files.write(src.resolve("docs/new.txt"), Fixture.text(7, 100_000));
        PrefixedStore second = storage("seed-fs01/");
        try (Repository repo = fx.engine.open(second, Fixture.passphrase())) {
            BackupResult r = fx.backup(repo, src);
            assertTrue(r.statistics().bytesNew() <= 100_000 + 64 * 1024, "new: " + r.statistics().bytesNew());
        }
        assertTrue(first.bytesSent() > 2 * MIB, "the first backup sent " + first.bytesSent());
        assertTrue(second.bytesSent() < first.bytesSent() / 10,
                "the second sent " + second.bytesSent() + " of the first's " + first.bytesSent());
    }

    @Test
    void anObjectIsVisibleOnlyOnceCommitted() throws IOException {
        PrefixedStore storage = storage("job-a/");
        try (PendingObject pending = storage.create("packs")) {
            try (OutputStream out = pending.output()) {
                out.write(Fixture.random(3, 300_000));
            }
            assertEquals(List.of(), storage.list("packs/"), "nothing before the commit");
            pending.commit("packs/ab/abcd");
        }
        try (PendingObject discarded = storage.create("packs")) {
            discarded.output().write(new byte[] { 1, 2, 3 });
        }
        assertEquals(List.of("packs/ab/abcd"), storage.list("packs/"));
        assertEquals(300_000, storage.size("packs/ab/abcd"));
        assertArrayEquals(java.util.Arrays.copyOfRange(Fixture.random(3, 300_000), 1000, 1100),
                storage.getRange("packs/ab/abcd", 1000, 100));
        assertEquals(List.of(), tempFiles(), "a committed or discarded object leaves no temporary object");
        assertEquals(300_000, storage.bytesSent(), "the discarded object was never sent");
    }

    @Test
    void namesStayUnderThePrefixAndMissingObjectsSaySo() throws IOException {
        storage("job-a/").put("config", new byte[] { 1 });
        storage("job-b/").put("config", new byte[] { 2 });
        storage("job-b/").put("index/1234", new byte[] { 3, 4 });
        assertEquals(List.of("config"), storage("job-a/").list(""));
        assertEquals(List.of("config", "index/1234"), storage("job-b/").list(""));
        assertArrayEquals(new byte[] { 2 }, storage("job-b/").get("config"));
        assertThrows(EOFException.class, () -> storage("job-b/").getRange("index/1234", 1, 5));
        assertThrows(NoSuchFileException.class, () -> storage("job-a/").get("index/1234"));
        assertFalse(storage("job-a/").exists("index/1234"));
        storage("job-b/").delete("index/1234");
        assertFalse(vault.exists("job-b/index/1234"));
        assertThrows(IllegalArgumentException.class, () -> storage("job-a/").get("../job-b/config"));
        assertThrows(IllegalArgumentException.class, () -> storage("job-a/").put(".hidden", new byte[0]));
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(temp.resolve("data"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
