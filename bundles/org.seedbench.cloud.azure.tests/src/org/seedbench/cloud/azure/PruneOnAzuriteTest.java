package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.PrefixedStore;
import org.seedbench.backup.PruneResult;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryOptions;
import org.seedbench.backup.RetentionPolicy;
import org.seedbench.backup.VerifyReport;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadSource;

/**
 * forget and prune of a repository in an Azure blob container (Azurite): two backups, the older forgotten, a prune
 * that frees the deleted files' packs; then a read-data verification is clean and the kept snapshot restores
 * identical. A prune that fails at its first delete (after its plan, new packs and new index) leaves a container that
 * verifies without errors, and the next prune finishes the work.
 */
@ExtendWith({ AzuriteExtension.class, ServiceExtension.class })
class PruneOnAzuriteTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private final Azurite azurite;
    private AzureBlobStorage storage;
    private String name;

    @InjectService(timeout = 10_000)
    BackupEngine engine;

    @InjectService(filter = "(component.name=org.seedbench.workload.files.FilesWorkloadSource)", timeout = 10_000)
    WorkloadSource files;

    @TempDir
    Path temp;

    PruneOnAzuriteTest(Azurite azurite) {
        this.azurite = azurite;
    }

    @BeforeEach
    void createContainer() throws Exception {
        storage = AzureBlobStorage.open(StorageAccess.connectionString(azurite.connectionString()),
                temp.resolve("spool"));
        name = "p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        storage.createContainer(name);
    }

    @AfterEach
    void deleteContainer() throws Exception {
        storage.deleteContainer(name);
    }

    private Repository open(ObjectStore store) throws Exception {
        return engine.open(store, Secret.of(PASSPHRASE));
    }

    @Test
    void forgetAndPruneInABlobContainerAndAPruneStoppedAtItsFirstDeleteIsFinishedByTheNext() throws Exception {
        ObjectStore store = new PrefixedStore(storage.container(name), "seed-fs01/");
        Path src = Files.createDirectories(temp.resolve("source"));
        Random random = new Random(7);
        for (int i = 0; i < 24; i++) {
            byte[] b = new byte[40_000];
            random.nextBytes(b);
            Files.write(src.resolve("f" + i + ".bin"), b);
        }
        WorkloadRun run = new WorkloadRun(files, new WorkloadSpec("files", src.toString()));
        RepositoryOptions small = RepositoryOptions.defaults().withChunkSizes(16 * 1024, 64 * 1024, 256 * 1024)
                .withPackSize(256 * 1024);
        try (Repository repo = engine.init(store, Secret.of(PASSPHRASE), small)) {
            engine.backup(repo, List.of(run), Progress.NONE, w -> {
            });
            for (int i = 0; i < 24; i += 2) {
                Files.delete(src.resolve("f" + i + ".bin"));
            }
            engine.backup(repo, List.of(run), Progress.NONE, w -> {
            });
            assertEquals(1, engine.forget(repo, RetentionPolicy.none().withLast(1), ZoneOffset.UTC, false).removed()
                    .size());
        }
        int[] left = { 1 };
        ObjectStore failing = (ObjectStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ObjectStore.class }, (proxy, method, args) -> {
                    if (method.getName().equals("delete") && left[0]-- == 1) {
                        throw new IOException("injected failure at delete " + args[0]);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (Repository repo = open(failing)) {
            assertThrows(IOException.class, () -> engine.prune(repo, false, Progress.NONE));
        }
        try (Repository repo = open(store)) {
            VerifyReport stopped = engine.verify(repo, true, Progress.NONE);
            assertFalse(stopped.hasErrors(), stopped.problems().toString());
            PruneResult rerun = engine.prune(repo, false, Progress.NONE);
            assertTrue(rerun.resumed(), rerun.toString());
            assertFalse(rerun.deletedPacks().isEmpty() && rerun.rewrittenPacks().isEmpty(), rerun.toString());
            assertTrue(engine.prune(repo, false, Progress.NONE).nothingToDo());
            VerifyReport clean = engine.verify(repo, true, Progress.NONE);
            assertTrue(clean.isClean(), clean.problems().toString());
            Path restored = temp.resolve("restored");
            assertTrue(engine.restore(repo, "latest", restored, List.of(), false, Progress.NONE).isComplete());
            for (int i = 1; i < 24; i += 2) {
                assertArrayEquals(Files.readAllBytes(src.resolve("f" + i + ".bin")),
                        Files.readAllBytes(restored.resolve("f" + i + ".bin")), "f" + i + ".bin");
            }
            assertEquals(12, Files.list(restored).count());
        }
        assertFalse(store.exists("prune-plan"), "the plan is gone once the prune is done");
    }
}
