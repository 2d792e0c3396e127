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
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * The views' reads of the catalog, each in one opening of it (an opening costs tens of milliseconds, so views batch
 * their reads and run them off the UI thread).
 */
public final class CatalogReads {

    /**
     * A job as the Jobs view shows it: the record, its properties, its drives, its shipping deadline and its last
     * event (who made the job's last change, and when; null for a job without events).
     */
    public record JobRow(SeedingJob job, Map<String, String> properties, List<Drive> drives, Deadline deadline,
            JobEvent lastChange) {
    }

    /** The selected job's details for the Drives, Shipping and Events views. */
    public record JobDetails(SeedingJob job, List<Drive> drives, Optional<Shipment> shipment, List<JobEvent> events,
            Map<String, String> properties) {
    }

    private CatalogReads() {
    }

    /** @param catalogUrl the workbench's catalog; null for the embedded one in {@code data} */
    public static List<JobRow> jobs(Workspaces workspaces, ImportJobService importJobs, Path data, String catalogUrl) {
        List<JobRow> rows = new ArrayList<>();
        try (Workspace workspace = SeedbenchUi.open(workspaces, data, catalogUrl)) {
            try (Catalog catalog = workspace.catalog()) {
                for (SeedingJob job : catalog.jobs()) {
                    List<JobEvent> events = catalog.events(job.name());
                    rows.add(new JobRow(job, catalog.jobProperties(job.name()), catalog.drives(job.name()), null,
                            events.isEmpty() ? null : events.get(events.size() - 1)));
                }
            }
            List<JobRow> withDeadlines = new ArrayList<>(rows.size());
            for (JobRow r : rows) {
                withDeadlines.add(new JobRow(r.job(), r.properties(), r.drives(), deadline(importJobs, workspace, r),
                        r.lastChange()));
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

    /**
     * Who prepared a drive, from the job's events: the actor of its last {@code drive.formatted} event, else of the
     * event that added it ({@code drive.added}); null when neither is there.
     */
    public static String preparedBy(String serial, List<JobEvent> events) {
        String prefix = "drive " + serial + " ";
        String formatted = null;
        String added = null;
        for (JobEvent e : events) {
            if (e.detail() != null && e.detail().startsWith(prefix)) {
                if (e.kind().equals("drive.formatted")) {
                    formatted = e.actor();
                } else if (e.kind().equals("drive.added") && added == null) {
                    added = e.actor();
                }
            }
        }
        return formatted != null ? formatted : added;
    }

    /**
     * The computer of an actor and who worked on it, e.g. {@code copyhost (alice)} of {@code alice@copyhost (cli)}; the
     * actor as it is when it has another shape.
     */
    public static String computer(String actor) {
        if (actor == null) {
            return "";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^@]+)@(\\S+)(?: \\(.*\\))?").matcher(actor);
        return m.matches() ? m.group(2) + " (" + m.group(1) + ")" : actor;
    }
}
