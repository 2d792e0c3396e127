package org.seedbench.ui.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * The views' reads of the catalog, each in one opening of it (an opening costs tens of milliseconds, so views batch
 * their reads and run them off the UI thread).
 */
public final class CatalogReads {

    /** A job as the Jobs view shows it: the record, its properties, its drives and its shipping deadline. */
    public record JobRow(SeedingJob job, Map<String, String> properties, List<Drive> drives, Deadline deadline) {
    }

    /** The selected job's details for the Drives, Shipping and Events views. */
    public record JobDetails(SeedingJob job, List<Drive> drives, Optional<Shipment> shipment, List<JobEvent> events,
            Map<String, String> properties) {
    }

    private CatalogReads() {
    }

    public static List<JobRow> jobs(Workspaces workspaces, ImportJobService importJobs, Path data) {
        List<JobRow> rows = new ArrayList<>();
        try (Workspace workspace = workspaces.open(data)) {
            try (Catalog catalog = workspace.catalog()) {
                for (SeedingJob job : catalog.jobs()) {
                    rows.add(new JobRow(job, catalog.jobProperties(job.name()), catalog.drives(job.name()), null));
                }
            }
            List<JobRow> withDeadlines = new ArrayList<>(rows.size());
            for (JobRow r : rows) {
                withDeadlines.add(new JobRow(r.job(), r.properties(), r.drives(), deadline(importJobs, workspace, r)));
            }
            return withDeadlines;
        }
    }

    private static Deadline deadline(ImportJobService importJobs, Workspace data, JobRow row) {
        if (importJobs == null) {
            return null;
        }
        try {
            return importJobs.deadline(data, row.job(), row.properties()).orElse(null);
        } catch (InvalidInputException | IOException | RuntimeException e) {
            return null; // the connector cannot tell now; the next refresh asks again
        }
    }

    public static Optional<JobDetails> details(Workspace workspace, String jobName) {
        try (Catalog catalog = workspace.catalog()) {
            return catalog.job(jobName).map(job -> new JobDetails(job, catalog.drives(jobName),
                    catalog.shipment(jobName), catalog.events(jobName), catalog.jobProperties(jobName)));
        }
    }
}
