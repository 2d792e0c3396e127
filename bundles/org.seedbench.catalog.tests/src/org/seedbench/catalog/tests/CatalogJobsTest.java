package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogException;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;

class CatalogJobsTest extends CatalogTestBase {
    @TempDir
    Path data;

    @Test
    void aJobComesBackExactlyAsCreatedAlsoAfterReopening() throws Exception {
        Map<String, String> awkward = new LinkedHashMap<>();
        awkward.put("exclude", "*.tmp\t*.bak");
        awkward.put("key=with=equals", "value=with=equals");
        awkward.put("percent", "100% of %0A");
        awkward.put("lines", "first\nsecond\r\nthird");
        awkward.put("empty", "");
        SeedingJob given = new SeedingJob("seed-fs01", "\\\\fileserver\\staging share", "seedstore01", "seed-fs01",
                "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0", "westeurope",
                List.of(new WorkloadSpec("files", "C:\\data\\projects", awkward),
                        new WorkloadSpec("partner:x", "inventory:\ttab.xml"),
                        new WorkloadSpec("files", "")),
                "azure", "fs01.example.org", backend.kept(SampleJobs.CREATED), null);

        SeedingJob created;
        try (Catalog catalog = open(data)) {
            created = catalog.createJob(given);
            assertEquals(given.withState(JobState.DRAFT), created);
            assertEquals(Optional.of(created), catalog.job("seed-fs01"));
        }
        try (Catalog reopened = open(data)) {
            assertEquals(List.of(created), reopened.jobs());
        }
    }

    @Test
    void aNewJobStartsInDraftAndAtTheCurrentTimeWhenNoneIsGiven() throws Exception {
        try (Catalog catalog = open(data)) {
            Instant before = Instant.now();
            SeedingJob given = SampleJobs.job("seed-now", null);
            SeedingJob created = catalog.createJob(new SeedingJob(given.name(), given.stagingLocation(),
                    given.storageAccount(), given.container(), given.subscriptionId(), given.location(),
                    given.workloads(), null, given.sourceHost(), null, JobState.STAGED));
            Instant after = Instant.now();

            assertEquals(JobState.DRAFT, created.state());
            assertEquals(SeedingJob.DEFAULT_CONNECTOR, created.connector());
            assertFalse(created.created().isBefore(before), "created " + created.created() + " before " + before);
            assertFalse(created.created().isAfter(after), "created " + created.created() + " after " + after);
            assertEquals(Optional.of(created), catalog.job("seed-now"));
        }
    }

    @Test
    void aDuplicateNameIsRefusedAndNothingChanges() throws Exception {
        try (Catalog catalog = open(data)) {
            SeedingJob first = catalog.createJob(SampleJobs.job("seed-fs01"));
            List<JobEvent> eventsBefore = catalog.events("seed-fs01");
            SeedingJob other = SampleJobs.job("seed-fs01", Instant.parse("2024-12-01T00:00:00Z"));
            SeedingJob second = new SeedingJob(other.name(), "/elsewhere", "otherstore", "other",
                    other.subscriptionId(), "eastus2", List.of(), null, null, other.created(), null);

            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> catalog.createJob(second));

            assertEquals(List.of(new Problem(SeedRules.NAME, "seed-fs01", "already exists", "a name no other job has")),
                    refused.problems());
            assertTrue(refused.getMessage().startsWith("import job name 'seed-fs01': already exists"),
                    refused.getMessage());
            assertEquals(List.of(first), catalog.jobs());
            assertEquals(eventsBefore, catalog.events("seed-fs01"));
        }
    }

    @TestFactory
    Stream<DynamicTest> eachInvalidInputIsRefusedWithItsFieldNamedAndNothingStored() {
        SeedingJob good = SampleJobs.job("seed-fs01");
        Map<String, SeedingJob> bad = new LinkedHashMap<>();
        bad.put(SeedRules.STAGING, new SeedingJob(good.name(), " ", good.storageAccount(), good.container(),
                good.subscriptionId(), good.location(), good.workloads(), null, null, null, null));
        bad.put(SeedRules.STORAGE_ACCOUNT, new SeedingJob(good.name(), good.stagingLocation(), "Seed_Store",
                good.container(), good.subscriptionId(), good.location(), good.workloads(), null, null, null, null));
        bad.put(SeedRules.CONTAINER, new SeedingJob(good.name(), good.stagingLocation(), good.storageAccount(),
                "-seed", good.subscriptionId(), good.location(), good.workloads(), null, null, null, null));
        bad.put(SeedRules.SUBSCRIPTION, new SeedingJob(good.name(), good.stagingLocation(), good.storageAccount(),
                good.container(), "not-a-guid", good.location(), good.workloads(), null, null, null, null));
        bad.put(SeedRules.NAME, new SeedingJob("1seed", good.stagingLocation(), good.storageAccount(),
                good.container(), good.subscriptionId(), good.location(), good.workloads(), null, null, null, null));
        bad.put(SeedRules.LOCATION, new SeedingJob(good.name(), good.stagingLocation(), good.storageAccount(),
                good.container(), good.subscriptionId(), "West Europe", good.workloads(), null, null, null, null));

        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, SeedingJob> e : bad.entrySet()) {
            tests.add(DynamicTest.dynamicTest("a bad " + e.getKey() + " is refused", () -> {
                Path directory = Files.createDirectories(data.resolve(e.getKey().replace(' ', '-')));
                try (Catalog catalog = open(directory)) {
                    InvalidInputException refused = assertThrows(InvalidInputException.class,
                            () -> catalog.createJob(e.getValue()));

                    assertEquals(List.of(e.getKey()), refused.problems().stream().map(Problem::field).toList());
                    assertTrue(refused.getMessage().startsWith(e.getKey()), refused.getMessage());
                    assertEquals(List.of(), catalog.jobs());
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void jobsAreListedOldestFirst() throws Exception {
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-c", Instant.parse("2024-11-03T00:00:00Z")));
            catalog.createJob(SampleJobs.job("seed-a", Instant.parse("2024-11-01T00:00:00Z")));
            catalog.createJob(SampleJobs.job("seed-b", Instant.parse("2024-11-02T00:00:00Z")));

            assertEquals(List.of("seed-a", "seed-b", "seed-c"), catalog.jobs().stream().map(SeedingJob::name).toList());
        }
    }

    @Test
    void aJobThatDoesNotExistIsNotFound() {
        try (Catalog catalog = open(data)) {
            assertEquals(Optional.empty(), catalog.job("seed-none"));
            NoSuchElementException missing = assertThrows(NoSuchElementException.class,
                    () -> catalog.moveJob("seed-none", JobState.STAGING, "start"));
            assertEquals("no job named seed-none", missing.getMessage());
            assertThrows(NoSuchElementException.class, () -> catalog.recordEvent("seed-none", "note", "hello"));
            assertEquals(List.of(), catalog.events("seed-none"));
        }
    }

    @Test
    void aClosedCatalogRefusesWorkInOneLine() {
        Catalog catalog = open(data);
        catalog.close();

        CatalogException refused = assertThrows(CatalogException.class, catalog::jobs);

        assertTrue(refused.getMessage().contains("is closed; open it again"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    @EmbeddedOnly("the catalog file in the data directory")
    void aDataDirectoryThatIsAFileIsRefusedInOneLine() throws IOException {
        Path file = Files.writeString(data.resolve("not-a-folder"), "x");

        CatalogException refused = assertThrows(CatalogException.class, () -> open(file));

        assertEquals("data directory " + file.toAbsolutePath() + " is a file; choose a folder", refused.getMessage());
    }

    @Test
    @EmbeddedOnly("the catalog file in the data directory")
    void aMissingDataDirectoryIsCreated() throws Exception {
        Path nested = data.resolve("a").resolve("b");
        try (Catalog catalog = open(nested)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
        }
        assertTrue(Files.isRegularFile(nested.resolve("catalog.mv.db")));
    }
}
