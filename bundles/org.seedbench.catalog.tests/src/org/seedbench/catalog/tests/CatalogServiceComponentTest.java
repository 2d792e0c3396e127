package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.catalog.internal.CatalogDatabase;
import org.seedbench.core.events.Topics;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;

/** The catalog as the other bundles get it: an OSGi service, announcing its changes through EventAdmin. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class CatalogServiceComponentTest extends CatalogTestBase {
    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    CatalogService service;

    @TempDir
    Path data;

    @Test
    void theServiceOpensACatalogAndAnnouncesItsChanges() throws Exception {
        BlockingQueue<Event> received = new LinkedBlockingQueue<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, new String[] {Topics.JOB_ALL});
        ServiceRegistration<EventHandler> registration =
                context.registerService(EventHandler.class, received::add, properties);
        try (Catalog catalog = service.open(data, backend.url(), null)) {
            assertEquals(CatalogDatabase.latestSchemaVersion(), catalog.schemaVersion());
            assertTrue(catalog.actor().endsWith(" (seedbench)"), catalog.actor());

            catalog.createJob(SampleJobs.job("seed-osgi"));

            assertEquals(Optional.of(JobState.DRAFT), catalog.job("seed-osgi").map(SeedingJob::state));
            assertEquals(List.of("seed-osgi"), catalog.jobs().stream().map(SeedingJob::name).toList());
            Event created = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(created, "EventAdmin delivered " + Topics.JOB_CREATED);
            assertEquals(Topics.JOB_CREATED, created.getTopic());
            assertEquals("seed-osgi", created.getProperty(Topics.JOB));
        } finally {
            registration.unregister();
        }
    }
}
