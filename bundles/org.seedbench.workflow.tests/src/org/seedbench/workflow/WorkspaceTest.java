package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;

/** A workspace per data directory, one catalog session per verb, and one rule for which data directory. */
@ExtendWith(ServiceExtension.class)
class WorkspaceTest {

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    ImportJobService importJobs;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    @Test
    void theStepsOfOneVerbShareOneCatalogSession() throws Exception {
        try (Workspace workspace = workspaces.open(tmp.resolve("data"))) {
            jobs.create(workspace, Seeds.job(tmp, "seed-fs01", "contosobackup", 1));
            assertFalse(stage.repositoryExists(workspace, "seed-fs01"));
            importJobs.refresh(workspace, "seed-fs01");
            try (Catalog catalog = workspace.catalog()) {
                catalog.recordEvent("seed-fs01", "test", "a lease closed by its user");
            }
            try (Catalog catalog = workspace.catalog()) {
                assertEquals(1, catalog.jobs().size(), "the session outlives a closed lease");
            }

            assertEquals(1, workspace.catalogOpens());
        }
    }

    @Test
    void workspacesOfTwoDataDirectoriesKeepTheirJobsApart() throws Exception {
        try (Workspace a = workspaces.open(tmp.resolve("a")); Workspace b = workspaces.open(tmp.resolve("b"))) {
            jobs.create(a, Seeds.job(tmp, "seed-a", "contosobackup", 1));
            jobs.create(b, Seeds.job(tmp, "seed-b", "contosobackup", 1));

            try (Catalog ca = a.catalog(); Catalog cb = b.catalog()) {
                assertEquals("seed-a", ca.jobs().get(0).name());
                assertEquals(1, ca.jobs().size());
                assertEquals("seed-b", cb.jobs().get(0).name());
                assertEquals(1, cb.jobs().size());
            }
            assertTrue(a.driveFolder("seed-a").startsWith(tmp.resolve("a")));
        }
    }

    @Test
    void theDataDirectoryIsTheOneGivenElseTheEnvironmentsElseTheHomeFolders() {
        Path given = tmp.resolve("given");
        Path env = tmp.resolve("env");
        Map<String, String> withEnv = Map.of(Workspaces.DATA_ENV, env.toString());

        assertEquals(given, Workspaces.dataDirectory(given.toString(), withEnv, "/home/alice"));
        assertEquals(env, Workspaces.dataDirectory(null, withEnv, "/home/alice"));
        assertEquals(env, Workspaces.dataDirectory(" ", withEnv, "/home/alice"));
        assertEquals(Path.of("/home/alice", ".seedbench"), Workspaces.dataDirectory(null, Map.of(), "/home/alice"));
    }
}
