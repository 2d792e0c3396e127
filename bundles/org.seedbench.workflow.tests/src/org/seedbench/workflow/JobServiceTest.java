package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.SeedRules;

/** Jobs are created by the job service alone, as init and the wizard ask: checked first, nothing written when refused. */
@ExtendWith(ServiceExtension.class)
class JobServiceTest {

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    @Test
    void createsTheJobInDraftWithItsStagingFolder() throws Exception {
        Path data = tmp.resolve("data");
        try (Workspace workspace = workspaces.open(data)) {
            SeedingJob created = jobs.create(workspace, Seeds.job(tmp, "seed-fs01", "contosobackup", 1));

            assertEquals(JobState.DRAFT, created.state());
            assertEquals(tmp.resolve("staging").toString(), created.stagingLocation());
            try (Catalog catalog = workspace.catalog()) {
                assertEquals(JobState.DRAFT, catalog.job("seed-fs01").orElseThrow().state());
                assertFalse(catalog.jobProperties("seed-fs01").containsKey(ImportJobService.PROP_REHEARSAL),
                        "a real job is no rehearsal");
            }
        }
    }

    @Test
    void refusesABadJobAndWritesNothing() throws Exception {
        Path data = tmp.resolve("data");
        try (Workspace workspace = workspaces.open(data)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> jobs.create(workspace, Seeds.job(tmp, "seed-fs01", "Contoso_Backup", 1)));

            assertEquals(SeedRules.STORAGE_ACCOUNT, e.problems().get(0).field(), e.getMessage());
            assertFalse(workspace.hasCatalog(), "no catalog was created for a refused job");
            assertFalse(Files.exists(tmp.resolve("staging").resolve("seed-fs01")), "no staging folder was made");
        }
    }

    @Test
    void refusesALocationTheConnectorDoesNotList() throws Exception {
        Path data = tmp.resolve("data");
        SeedingJob job = Seeds.job(tmp, "seed-fs01", "contosobackup", 1);
        SeedingJob elsewhere = new SeedingJob(job.name(), job.stagingLocation(), job.storageAccount(), job.container(),
                job.subscriptionId(), "atlantis", job.workloads(), job.connector(), job.sourceHost(), job.created(),
                job.state());
        try (Workspace workspace = workspaces.open(data)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> jobs.create(workspace, elsewhere));

            assertEquals(SeedRules.LOCATION, e.problems().get(0).field(), e.getMessage());
            assertFalse(workspace.hasCatalog(), "no catalog was created for a refused job");
        }
    }

    @Test
    void aRehearsalRecordsItsClockInThePropertiesAndEvents() throws Exception {
        Path data = tmp.resolve("data");
        try (Workspace workspace = workspaces.open(data)) {
            JobService.Created created = jobs.createRehearsal(workspace, Seeds.job(tmp, "rehearsal-1", "contosobackup",
                    1), "2");

            assertEquals("2", created.rehearsalDaysPerSecond());
            try (Catalog catalog = workspace.catalog()) {
                assertEquals("2", catalog.jobProperties("rehearsal-1").get(ImportJobService.PROP_REHEARSAL));
                assertTrue(catalog.events("rehearsal-1").stream().anyMatch(ev -> ev.kind().equals("rehearsal")
                        && ev.detail().contains("2 days a real second")), catalog.events("rehearsal-1").toString());
            }
        }
    }

    @Test
    void aRehearsalOnAnotherConnectorIsRefusedAndWritesNothing() throws Exception {
        Path data = tmp.resolve("data");
        SeedingJob job = Seeds.job(tmp, "rehearsal-1", "contosobackup", 1);
        SeedingJob onAzure = new SeedingJob(job.name(), job.stagingLocation(), job.storageAccount(), job.container(),
                job.subscriptionId(), job.location(), job.workloads(), "azure", job.sourceHost(), job.created(),
                job.state());
        try (Workspace workspace = workspaces.open(data)) {
            assertThrows(InvalidInputException.class, () -> jobs.createRehearsal(workspace, onAzure, null));

            assertFalse(workspace.hasCatalog(), "no catalog was created for a refused job");
        }
    }
}
