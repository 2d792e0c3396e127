package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.events.Topics;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.IllegalTransitionException;

class CatalogEventLogTest extends CatalogTestBase {
    @TempDir
    Path data;

    @Test
    void recordedEventsAreAppendedInOrderWithTheActor() throws Exception {
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));

            JobEvent first = catalog.recordEvent("seed-fs01", "stage.progress", "1.2 TB of 3.4 TB staged");
            JobEvent second = catalog.recordEvent("seed-fs01", "stage.finished", null);

            List<JobEvent> events = catalog.events("seed-fs01");
            assertEquals(List.of(first, second), events.subList(1, 3));
            assertEquals(catalog.actor(), second.actor());
            assertTrue(catalog.actor().matches("[^@\\s]+@\\S+ \\(" + SampleJobs.PROGRAM + "\\)"), catalog.actor());
        }
    }

    @Test
    void theDefaultProgramIsSeedbench() {
        try (Catalog catalog = new H2CatalogService(Duration.ofSeconds(2)).open(data, backend.url(), null)) {
            assertTrue(catalog.actor().endsWith(" (seedbench)"), catalog.actor());
            assertTrue(catalog.actor().startsWith(System.getProperty("user.name") + "@"), catalog.actor());
        }
    }

    @Test
    void anEventWithoutKindIsRefused() throws Exception {
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));

            assertThrows(IllegalArgumentException.class, () -> catalog.recordEvent("seed-fs01", " ", "x"));
            assertEquals(1, catalog.events("seed-fs01").size());
        }
    }

    @Test
    void propertiesAreSetReplacedAndRemoved() throws Exception {
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
            catalog.putJobProperties("seed-fs01", Map.of("stagedBytes", "100", "cloudJobId", "ij-1", "drives", "2"));
            Map<String, String> change = new HashMap<>();
            change.put("stagedBytes", "200");
            change.put("drives", null);
            change.put("note", "multi\nline = fine");

            catalog.putJobProperties("seed-fs01", change);

            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("cloudJobId", "ij-1");
            expected.put("note", "multi\nline = fine");
            expected.put("stagedBytes", "200");
            assertEquals(expected, catalog.jobProperties("seed-fs01"));
            assertEquals(List.of("cloudJobId", "note", "stagedBytes"),
                    List.copyOf(catalog.jobProperties("seed-fs01").keySet()));
            assertEquals(Map.of(), catalog.jobProperties("seed-none"));
            List<JobEvent> events = catalog.events("seed-fs01");
            assertEquals("properties set cloudJobId, drives, stagedBytes", events.get(1).detail());
            assertEquals("properties set note, stagedBytes; removed drives", events.get(2).detail());
            assertThrows(NoSuchElementException.class,
                    () -> catalog.putJobProperties("seed-none", Map.of("a", "b")));
        }
    }

    @Test
    void committedChangesArePostedToTheEventAdminAndRefusedOnesAreNot() throws Exception {
        H2CatalogService service = new H2CatalogService(Duration.ofSeconds(2));
        RecordingEventAdmin admin = new RecordingEventAdmin();
        service.bindEventAdmin(admin);
        try (Catalog catalog = backend.open(service, data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
            catalog.moveJob("seed-fs01", JobState.STAGING, null);
            assertThrows(IllegalTransitionException.class, () -> catalog.moveJob("seed-fs01", JobState.SEEDED, null));
            catalog.putDrive(SampleJobs.drive("seed-fs01", "A"));
            catalog.moveDrive("seed-fs01", "A", DriveState.RECEIVED, null);
            catalog.putShipment(new Shipment("seed-fs01", "UPS", "1Z", null, List.of("A"), (String) null, null));
            catalog.recordEvent("seed-fs01", "note", "hello");

            List<Event> events = admin.events();
            assertEquals(List.of(Topics.JOB_CREATED, Topics.JOB_STATE, Topics.DRIVE_STATE, Topics.DRIVE_STATE,
                    Topics.SHIPMENT, Topics.JOB_EVENT), events.stream().map(Event::getTopic).toList());
            for (Event e : events) {
                assertEquals("seed-fs01", e.getProperty(Topics.JOB));
            }
            assertEquals("Draft", events.get(0).getProperty(Topics.STATE));
            assertEquals("Staging", events.get(1).getProperty(Topics.STATE));
            assertEquals("A", events.get(3).getProperty(Topics.DRIVE));
            assertEquals("Received", events.get(3).getProperty(Topics.STATE));

            service.unbindEventAdmin(admin);
            catalog.recordEvent("seed-fs01", "note", "nobody listens");
            assertEquals(events.size(), admin.events().size());
        }
    }
}
