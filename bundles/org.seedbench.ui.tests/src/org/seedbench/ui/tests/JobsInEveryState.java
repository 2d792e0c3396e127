package org.seedbench.ui.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Shipment;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.StageService;

/**
 * A data directory as a new admin meets it: jobs in every state of the trip (Draft, Staged, Creating with 3 days
 * left to ship, Shipping, CompletedWithErrors, Seeded, Expired), with their staging figures, drives and packages,
 * walked there through the catalog's state machine as the workflow would.
 */
final class JobsInEveryState {
    /** The jobs by the state they end in, in the order the trip reaches them. */
    final Map<JobState, String> jobs = new LinkedHashMap<>();

    private static final List<JobState> TO_CREATING = List.of(JobState.STAGING, JobState.STAGED,
            JobState.PREPARING_DRIVES, JobState.DRIVES_READY, JobState.CREATING);

    /**
     * @param now the local cloud's clock (the deadlines count from it)
     */
    JobsInEveryState(CatalogService catalogs, Path tmp, Instant now) throws Exception {
        Path source = Fixtures.dataset(tmp.resolve("fileserver01"), 1, 1000, 5);
        for (JobState end : List.of(JobState.DRAFT, JobState.STAGED, JobState.CREATING, JobState.SHIPPING,
                JobState.COMPLETED_WITH_ERRORS, JobState.SEEDED, JobState.EXPIRED)) {
            String name = Fixtures.uniqueName(end.label().length() > 10 ? end.label().substring(0, 10).toLowerCase()
                    : end.label().toLowerCase());
            Fixtures.createJob(catalogs, name, tmp.resolve("staging-" + name), source);
            jobs.put(end, name);
            try (Catalog catalog = catalogs.open(Fixtures.data())) {
                walk(catalog, name, end, now);
            }
        }
    }

    /** Walks a Draft job to Creating, as staging, drive preparation and the import job's creation would. */
    static void toCreating(Catalog catalog, String name) {
        for (JobState s : TO_CREATING) {
            catalog.moveJob(name, s, "test set-up");
        }
    }

    private static void walk(Catalog catalog, String name, JobState end, Instant now) throws Exception {
        if (end == JobState.DRAFT) {
            return;
        }
        catalog.putJobProperties(name, Map.of(StageService.PROP_BYTES_READ, "123456789012",
                StageService.PROP_BYTES_STORED, "98765432109", StageService.PROP_DEDUP, "1.25",
                StageService.PROP_COMPRESSION, "1.87"));
        if (end == JobState.STAGED) {
            catalog.moveJob(name, JobState.STAGING, "test set-up");
            catalog.moveJob(name, JobState.STAGED, "test set-up");
            return;
        }
        toCreating(catalog, name);
        String serial = "SB-" + name.toUpperCase();
        catalog.putDrive(new Drive(name, serial, "Contoso Enterprise SSD 4TB", "SATA", "SSD", 4_000_000_000_000L,
                3_456_789_012_345L, "portable", null, "drive-manifest.xml", "00ff", DriveState.SPECIFIED, 0));
        // Creating: 11 days since the import job was created, 3 left; Expired: 15 days
        Instant created = now.minus(Duration.ofDays(end == JobState.EXPIRED ? 15 : 11));
        catalog.putJobProperties(name, Map.of(ImportJobService.PROP_CREATED, created.toString()));
        if (end == JobState.CREATING) {
            return;
        }
        if (end == JobState.EXPIRED) {
            catalog.moveJob(name, JobState.EXPIRED, "test set-up");
            return;
        }
        catalog.putShipment(new Shipment(name, "FedEx", "1Z999AA1" + name.hashCode(), LocalDate.now(),
                List.of(serial), new ReturnAddress("Contoso IT", "1 Main Street", "Building 4", "Springfield", "IL",
                        "62701", "US", "+1 217 555 0100", "it@contoso.com", null),
                new ReturnShipping("FedEx", "FX-12345")));
        catalog.moveJob(name, JobState.SHIPPING, "test set-up");
        if (end == JobState.SHIPPING) {
            return;
        }
        for (JobState s : List.of(JobState.RECEIVED, JobState.TRANSFERRING, JobState.PACKAGING,
                JobState.COMPLETED_WITH_ERRORS)) {
            catalog.moveJob(name, s, "test set-up");
        }
        catalog.moveDrive(name, serial, DriveState.RECEIVED, "test set-up");
        catalog.moveDrive(name, serial, DriveState.TRANSFERRING, "test set-up");
        catalog.moveDrive(name, serial, DriveState.COMPLETED_MORE_INFO, "test set-up");
        catalog.putJobProperties(name, Map.of(ImportJobService.PROP_STATE, "CompletedWithErrors",
                ImportJobService.PROP_PERCENT, "100"));
        if (end == JobState.COMPLETED_WITH_ERRORS) {
            return;
        }
        catalog.moveJob(name, JobState.VAULT_SEEDING, "test set-up");
        catalog.moveJob(name, JobState.SEEDED, "test set-up");
    }
}
