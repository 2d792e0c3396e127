package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.backup.ForgetResult;
import org.seedbench.backup.PrefixedStore;
import org.seedbench.backup.PruneResult;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.RetentionPolicy;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.backup.VerifyReport;
import org.seedbench.backup.WrongPassphraseException;
import org.seedbench.backup.internal.prune.PrunePlan;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.support.store.FolderObjectStore;

/**
 * forget and prune on real repositories (a local folder, and the vault container of the embedded local cloud): three
 * backups of a changing folder, a keep-policy that keeps some, a prune that deletes unneeded packs and rewrites partly
 * needed ones; afterwards a read-data verification is clean and every kept snapshot restores identical. A prune that
 * fails part-way (a store that fails at a chosen write or delete, as a killed process would stop there) leaves a
 * repository that verifies without errors and restores every kept snapshot, and the next prune finishes the work.
 */
@ExtendWith(ServiceExtension.class)
class PruneTest {
    private final Fixture fx = new Fixture();

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector local;

    @TempDir
    Path temp;

    /** Each snapshot as it restored right after its backup (identical to the source then), by snapshot id. */
    private final Map<String, Path> states = new TreeMap<>();

    /**
     * Three backups: 48 files of 40 KB (about six to a 256 KiB pack), then every other one deleted and new ones
     * added, then a few more changes. Packs of the first backup are thus partly needed by the last.
     */
    private List<String> threeBackups(ObjectStore store) throws Exception {
        Path src = Files.createDirectories(temp.resolve("source"));
        for (int i = 0; i < 48; i++) {
            Files.write(src.resolve("f" + i + ".bin"), Fixture.random(i, 40_000));
        }
        Files.write(src.resolve("notes.txt"), Fixture.text(100, 300_000));
        List<String> ids = new ArrayList<>();
        try (Repository repo = fx.engine.init(store, Fixture.passphrase(), Fixture.SMALL)) {
            ids.add(backupAndKeepState(repo, src, 1));
            for (int i = 0; i < 48; i += 2) {
                Files.delete(src.resolve("f" + i + ".bin"));
            }
            for (int i = 0; i < 10; i++) {
                Files.write(src.resolve("g" + i + ".bin"), Fixture.random(1000 + i, 50_000));
            }
            ids.add(backupAndKeepState(repo, src, 2));
            Files.delete(src.resolve("notes.txt"));
            Files.write(src.resolve("h.bin"), Fixture.random(2000, 120_000));
            ids.add(backupAndKeepState(repo, src, 3));
        }
        return ids;
    }

    /** Backs up and restores the new snapshot at once: what every later restore of it must give. */
    private String backupAndKeepState(Repository repo, Path src, int n) throws Exception {
        String id = fx.backup(repo, src).snapshotIds().get(0);
        Path state = temp.resolve("state-" + n);
        assertTrue(fx.engine.restore(repo, id, state, List.of(), false, Progress.NONE).isComplete());
        Fixture.assertSameTree(src, state);
        states.put(id, state);
        return id;
    }

    private Repository open(ObjectStore store) throws IOException {
        try {
            return fx.engine.open(store, Fixture.passphrase());
        } catch (WrongPassphraseException e) {
            throw new AssertionError(e);
        }
    }

    /** Every object of the store with its size (what a dry run must leave exactly as it was). */
    private static Map<String, Long> objects(ObjectStore store) throws IOException {
        Map<String, Long> all = new TreeMap<>();
        for (String name : store.list("")) {
            all.put(name, store.size(name));
        }
        return all;
    }

    private static long packBytes(ObjectStore store) throws IOException {
        long total = 0;
        for (String name : store.list("")) {
            if (name.startsWith("packs/") || name.startsWith("treepacks/")) {
                total += store.size(name);
            }
        }
        return total;
    }

    /** A read-data verification without errors (warnings allowed) or, with {@code clean}, without anything. */
    private void assertVerifies(ObjectStore store, boolean clean) throws IOException {
        try (Repository repo = open(store)) {
            VerifyReport report = fx.engine.verify(repo, true, Progress.NONE);
            assertFalse(report.hasErrors(), report.problems().toString());
            if (clean) {
                assertTrue(report.isClean(), report.problems().toString());
            }
        }
    }

    /** Restores every snapshot left and compares it with the source as its backup saw it. */
    private void assertEverySnapshotRestores(ObjectStore store, List<String> expected) throws Exception {
        try (Repository repo = open(store)) {
            List<String> ids = fx.engine.snapshots(repo).stream().map(SnapshotInfo::id).sorted().toList();
            assertEquals(expected.stream().sorted().toList(), ids);
            for (String id : ids) {
                Path target = temp.resolve("restored-" + id.substring(0, 8) + "-" + System.nanoTime());
                RestoreResult r = fx.engine.restore(repo, id, target, List.of(), false, Progress.NONE);
                assertTrue(r.isComplete(), r.failed().toString());
                Fixture.assertSameTree(states.get(id), target);
            }
        }
    }

    @Test
    void forgetAndPruneFreeBytesAndKeepEverySnapshotRestorable() throws Exception {
        FolderObjectStore store = new FolderObjectStore(temp.resolve("repo"));
        forgetAndPrune(store);
    }

    @Test
    void forgetAndPruneInTheLocalCloudsVault() throws Exception {
        ObjectStore vault = local.signIn(ConnectorSettings.of(temp.resolve("data"))).container("contosobackup",
                "seedbench-vault");
        forgetAndPrune(new PrefixedStore(vault, "seed-fs01/"));
    }

    private void forgetAndPrune(ObjectStore store) throws Exception {
        List<String> ids = threeBackups(store);
        Map<String, Long> before = objects(store);
        long packsBefore = packBytes(store);
        RetentionPolicy keepLast = RetentionPolicy.none().withLast(1);

        ForgetResult dryForget;
        PruneResult dryPrune;
        try (Repository repo = open(store)) {
            dryForget = fx.engine.forget(repo, keepLast, ZoneOffset.UTC, true);
            assertEquals(before, objects(store), "a dry-run forget writes and deletes nothing");
            assertEquals(2, dryForget.removed().size());
            dryPrune = fx.engine.prune(repo, true, Progress.NONE);
            assertTrue(dryPrune.nothingToDo(), "every pack is needed while every snapshot is there: " + dryPrune);

            ForgetResult forget = fx.engine.forget(repo, keepLast, ZoneOffset.UTC, false);
            assertEquals(List.of(ids.get(2)), forget.kept().stream().map(k -> k.snapshot().id()).toList());
            assertEquals(List.of("last snapshot"), forget.kept().get(0).reasons());
            assertEquals(dryForget.removed(), forget.removed());
            assertEquals(packsBefore, packBytes(store), "forget deletes snapshot files only");

            Map<String, Long> afterForget = objects(store);
            dryPrune = fx.engine.prune(repo, true, Progress.NONE);
            assertEquals(afterForget, objects(store), "a dry-run prune writes and deletes nothing");
            assertFalse(dryPrune.deletedPacks().isEmpty(), dryPrune.toString());
            assertFalse(dryPrune.rewrittenPacks().isEmpty(), dryPrune.toString());
            assertTrue(dryPrune.bytesFreed() > 0, dryPrune.toString());

            PruneResult prune = fx.engine.prune(repo, false, Progress.NONE);
            assertFalse(prune.dryRun());
            assertFalse(prune.resumed());
            assertEquals(dryPrune.deletedPacks(), prune.deletedPacks(), "the dry run named what the prune deletes");
            assertEquals(dryPrune.rewrittenPacks(), prune.rewrittenPacks());
            assertTrue(prune.packsWritten() > 0);
            assertEquals(packsBefore - packBytes(store), prune.bytesFreed(), "the pack bytes the prune freed");
            assertTrue(Math.abs(prune.bytesFreed() - dryPrune.bytesFreed()) < 1024 * prune.packsWritten(),
                    "the dry run's estimate " + dryPrune.bytesFreed() + ", freed " + prune.bytesFreed());
            for (String gone : prune.deletedPacks()) {
                assertFalse(store.exists(gone), gone);
            }
            for (String gone : prune.rewrittenPacks()) {
                assertFalse(store.exists(gone), gone);
            }
            assertFalse(store.exists(PrunePlan.OBJECT), "the plan is deleted when the prune is done");

            assertTrue(fx.engine.prune(repo, false, Progress.NONE).nothingToDo(), "a second prune finds nothing");
        }
        assertVerifies(store, true);
        assertEverySnapshotRestores(store, List.of(ids.get(2)));
    }

    /**
     * The store, failing at the n-th put, create or delete whose operation and name match, as a process killed there
     * would stop: what was written before stays, nothing after happens.
     */
    private static ObjectStore failing(ObjectStore store, BiPredicate<String, String> when, int nth) {
        AtomicInteger left = new AtomicInteger(nth);
        return (ObjectStore) Proxy.newProxyInstance(PruneTest.class.getClassLoader(), new Class<?>[] {
                ObjectStore.class }, (proxy, method, args) -> {
                    String op = method.getName();
                    if (List.of("put", "create", "delete").contains(op) && when.test(op, (String) args[0])
                            && left.decrementAndGet() == 0) {
                        throw new IOException("injected failure at " + op + " " + args[0]);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * The prune fails: right after its plan is written (at its first new pack), after the new packs (at the first
     * index file), after the new index (at the first delete of an old index file), or part-way through deleting
     * packs (the third pack). Then the repository verifies without errors, every kept snapshot restores, and the
     * next prune finishes: afterwards the repository is exactly as small and clean as after an uninterrupted one.
     */
    @ParameterizedTest
    @ValueSource(strings = { "create packs 1", "put index/ 1", "delete index/ 1", "delete packs/ 3" })
    void aPruneStoppedPartWayIsFinishedByTheNext(String failure) throws Exception {
        String[] f = failure.split(" ");
        FolderObjectStore plain = new FolderObjectStore(temp.resolve("repo"));
        List<String> ids = threeBackups(plain);
        try (Repository repo = open(plain)) {
            fx.engine.forget(repo, RetentionPolicy.none().withLast(2), ZoneOffset.UTC, false);
        }
        long packsBefore = packBytes(plain);
        PruneResult planned;
        try (Repository repo = open(plain)) {
            planned = fx.engine.prune(repo, true, Progress.NONE);
        }
        assertFalse(planned.nothingToDo(), planned.toString());

        ObjectStore failing = failing(plain, (op, name) -> op.equals(f[0]) && name.startsWith(f[1]),
                Integer.parseInt(f[2]));
        try (Repository repo = open(failing)) {
            IOException e = assertThrows(IOException.class, () -> fx.engine.prune(repo, false, Progress.NONE));
            assertTrue(e.getMessage().startsWith("injected failure"), e.getMessage());
        }
        assertTrue(plain.exists(PrunePlan.OBJECT), "the plan was written before anything else");
        assertVerifies(plain, false);
        assertEverySnapshotRestores(plain, ids.subList(1, 3));

        PruneResult rerun;
        try (Repository repo = open(plain)) {
            rerun = fx.engine.prune(repo, false, Progress.NONE);
            assertTrue(rerun.resumed(), "the rerun found the interrupted prune's plan");
            assertTrue(fx.engine.prune(repo, false, Progress.NONE).nothingToDo(), "then nothing is left to do");
        }
        assertFalse(plain.exists(PrunePlan.OBJECT));
        for (String gone : planned.deletedPacks()) {
            assertFalse(plain.exists(gone), gone);
        }
        for (String gone : planned.rewrittenPacks()) {
            assertFalse(plain.exists(gone), gone);
        }
        assertTrue(packsBefore - packBytes(plain) > 0, "bytes were freed");
        assertVerifies(plain, true);
        assertEverySnapshotRestores(plain, ids.subList(1, 3));
        assertNotNull(rerun);
    }

    @Test
    void aDamagedRepositoryIsLeftAlone() throws Exception {
        FolderObjectStore plain = new FolderObjectStore(temp.resolve("repo"));
        threeBackups(plain);
        try (Repository repo = open(plain)) {
            fx.engine.forget(repo, RetentionPolicy.none().withLast(1), ZoneOffset.UTC, false);
        }
        for (String lost : plain.list("packs/")) {
            plain.delete(lost); // every data pack: the kept snapshot's data is gone
        }
        Map<String, Long> before = objects(plain);
        try (Repository repo = open(plain)) {
            org.seedbench.backup.RepositoryException e = assertThrows(org.seedbench.backup.RepositoryException.class,
                    () -> fx.engine.prune(repo, false, Progress.NONE));
            assertTrue(e.getMessage().startsWith("prune changes nothing"), e.getMessage());
        }
        assertEquals(before, objects(plain), "nothing was written or deleted");
    }

    @Test
    void thePlanListsWhatWillBeFreedBeforeAnythingIsDeleted() throws Exception {
        FolderObjectStore plain = new FolderObjectStore(temp.resolve("repo"));
        threeBackups(plain);
        try (Repository repo = open(plain)) {
            fx.engine.forget(repo, RetentionPolicy.none().withLast(1), ZoneOffset.UTC, false);
        }
        List<String> indexFiles = plain.list("index/");
        ObjectStore failing = failing(plain, (op, name) -> op.equals("delete"), 1);
        PruneResult planned;
        try (Repository repo = open(plain)) {
            planned = fx.engine.prune(repo, true, Progress.NONE);
        }
        try (Repository repo = open(failing)) {
            assertThrows(IOException.class, () -> fx.engine.prune(repo, false, Progress.NONE));
        }
        try (Repository repo = open(plain)) {
            PrunePlan plan = PrunePlan.readFrom(repo);
            assertEquals(planned.deletedPacks(), plan.deletePacks());
            assertEquals(planned.rewrittenPacks(), plan.rewritePacks());
            assertEquals(indexFiles, plan.indexFiles());
            assertEquals(planned.bytesFreed(), plan.bytesFreed());
        }
        try (Stream<Path> files = Files.walk(temp.resolve("repo"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".tmp")), "no unfinished writes");
        }
    }
}
