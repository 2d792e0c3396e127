package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;

/** A job is removed with every row that belongs to it (no other job's), and its inputs are edited in place. */
class CatalogDeleteAndEditTest extends CatalogTestBase {
    @TempDir
    Path data;

    private Catalog catalog;

    @BeforeEach
    void createJobs() throws Exception {
        catalog = open(data);
        for (String name : List.of("seed-a", "seed-b")) {
            catalog.createJob(SampleJobs.job(name));
            catalog.putDrive(SampleJobs.drive(name, name.toUpperCase() + "-1"));
            catalog.putJobProperties(name, Map.of("staging.files", "12"));
            catalog.putShipment(new Shipment(name, "UPS", "1Z-" + name, LocalDate.of(2024, 11, 21),
                    List.of(name.toUpperCase() + "-1"), (String) null, null));
        }
    }

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    @Test
    void aDeletedJobTakesItsRowsAndEventsAndLeavesTheOtherJobWhole() throws Exception {
        catalog.recordEvent("seed-a", "job.deleting", "the last word");

        List<JobEvent> removed = catalog.deleteJob("seed-a");

        assertEquals("job.deleting", removed.get(removed.size() - 1).kind());
        assertTrue(catalog.job("seed-a").isEmpty());
        assertEquals(List.of(), catalog.drives("seed-a"));
        assertEquals(List.of(), catalog.events("seed-a"));
        assertEquals(Map.of(), catalog.jobProperties("seed-a"));
        assertTrue(catalog.shipment("seed-a").isEmpty());
        assertTrue(catalog.returnDetails("seed-a").isEmpty());
        assertEquals(List.of("seed-b"), catalog.jobs().stream().map(SeedingJob::name).toList());
        assertEquals(1, catalog.drives("seed-b").size());
        assertEquals("1Z-seed-b", catalog.shipment("seed-b").orElseThrow().trackingNumber());
        assertEquals("12", catalog.jobProperties("seed-b").get("staging.files"));
        // the name is free again, and a new job of that name starts with a log of its own
        catalog.createJob(SampleJobs.job("seed-a"));
        assertEquals(List.of("job.created"), catalog.events("seed-a").stream().map(JobEvent::kind).toList());
        assertThrows(NoSuchElementException.class, () -> catalog.deleteJob("seed-zz"));
    }

    @Test
    void anEditReplacesInputsAndWorkloadsKeepsNameStateAndCreationAndSaysWhatChanged() throws Exception {
        catalog.moveJob("seed-a", JobState.STAGING, null);
        SeedingJob old = catalog.job("seed-a").orElseThrow();
        SeedingJob edited = new SeedingJob("seed-a", old.stagingLocation(), "otherstore", old.container(),
                old.subscriptionId(), "northeurope", List.of(new WorkloadSpec("files", "/srv/other")), old.connector(),
                old.sourceHost(), null, JobState.DRAFT);

        catalog.updateJob(edited);

        SeedingJob now = catalog.job("seed-a").orElseThrow();
        assertEquals("otherstore", now.storageAccount());
        assertEquals("northeurope", now.location());
        assertEquals(List.of(new WorkloadSpec("files", "/srv/other")), now.workloads());
        assertEquals(JobState.STAGING, now.state());
        assertEquals(old.created(), now.created());
        JobEvent last = catalog.events("seed-a").get(catalog.events("seed-a").size() - 1);
        assertEquals("job.edited", last.kind());
        assertTrue(last.detail().contains("storage account seedstore01 → otherstore"), last.detail());
        assertTrue(last.detail().contains("location westeurope → northeurope"), last.detail());
        assertEquals(2, catalog.job("seed-b").orElseThrow().workloads().size(), "the other job keeps its workloads");

        SeedingJob bad = new SeedingJob("seed-a", old.stagingLocation(), "Not_Valid", old.container(),
                old.subscriptionId(), old.location(), old.workloads(), old.connector(), null, null, null);
        assertThrows(InvalidInputException.class, () -> catalog.updateJob(bad));
        assertEquals("otherstore", catalog.job("seed-a").orElseThrow().storageAccount(), "a refused edit changes nothing");
    }
}
