package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.seedbench.backup.BackupResult;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.ImportJobView;
import org.seedbench.workflow.ImportJobView.DriveView;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** How jobs, drives and events look on the terminal and in {@code --json}. */
final class Views {
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Views() {
    }

    /** The JSON writer, made on the first {@code --json} output only: a verb printing text loads no Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    static void printJson(PrintStream out, Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** One JSON object on one line, for streams of events. */
    static void printJsonLine(PrintStream out, Object value) {
        try {
            out.println(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The snapshots a backup run made, one line each. */
    static void printSnapshots(PrintStream out, BackupResult r) {
        for (SnapshotInfo snap : r.snapshots()) {
            out.println("  snapshot " + snap.shortId() + "  " + snap.workload());
        }
    }

    /** A backup run's warnings: the first 20, and how to see the rest. */
    static void printWarnings(PrintStream out, BackupResult r, String job) {
        if (!r.completedWithWarnings()) {
            return;
        }
        out.println("Completed with " + r.warnings().size() + " warnings (also in the job's events):");
        List<String> shown = r.warnings().subList(0, Math.min(20, r.warnings().size()));
        shown.forEach(w -> out.println("  " + w));
        if (shown.size() < r.warnings().size()) {
            out.println("  … and " + (r.warnings().size() - shown.size()) + " more: seedbench status " + job);
        }
    }

    static String time(Instant instant) {
        return instant == null ? "" : LOCAL_TIME.format(instant);
    }

    static Map<String, Object> deadline(Deadline d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("due", d.due().toString());
        m.put("daysLeft", d.daysLeft());
        m.put("warn", d.warn());
        m.put("expired", d.expired());
        return m;
    }

    /** The import job as the service reports it. */
    static Map<String, Object> importJob(ImportJobView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serviceState", v.serviceStateText());
        m.put("known", v.serviceState() != null);
        m.put("percentComplete", v.percentComplete());
        m.put("bytesCopied", v.bytesCopied());
        m.put("created", v.created() == null ? null : v.created().toString());
        m.put("serviceTime", v.serviceNow() == null ? null : v.serviceNow().toString());
        m.put("moving", v.moving());
        m.put("needsAction", v.needsAction());
        m.put("shipTo", v.shipTo());
        m.put("returnPackage", v.returnPackage());
        m.put("error", v.error());
        List<Map<String, Object>> drives = new ArrayList<>();
        for (DriveView d : v.drives()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("serial", d.serial());
            dm.put("state", d.stateText());
            dm.put("copyStatus", d.copyStatus());
            dm.put("percentComplete", d.percentComplete());
            dm.put("bytesCopied", d.bytesCopied());
            dm.put("errors", d.errors());
            drives.add(dm);
        }
        m.put("drives", drives);
        m.put("changes", v.changes());
        return m;
    }

    /** The import job's lines of {@code status}: service state, progress, each drive and its errors. */
    static void printImportJob(PrintStream out, ImportJobView v) {
        out.printf(Locale.ROOT, "  %-18s %s, %d%%, %s copied%n", "import job", serviceState(v),
                v.percentComplete(), Sizes.decimal(v.bytesCopied()));
        if (v.error() != null) {
            out.printf("  %-18s %s%n", "service error", v.error());
        }
        if (v.shipTo() != null) {
            out.printf("  %-18s %s%n", "ship to", v.shipTo().replace("\n", ", "));
        }
        if (v.returnPackage() != null) {
            out.printf("  %-18s %s%n", "drives returned", v.returnPackage());
        }
        if (v.drives().isEmpty()) {
            return;
        }
        out.println();
        out.printf("%-16s %-18s %5s %12s  %s%n", "SERIAL", "DATACENTER", "COPY", "BYTES", "COPY STATUS");
        for (DriveView d : v.drives()) {
            out.printf(Locale.ROOT, "%-16s %-18s %4d%% %12s  %s%n", d.serial(), d.stateText(), d.percentComplete(),
                    Sizes.decimal(d.bytesCopied()), nz(d.copyStatus()));
            if (!d.errors().isEmpty()) {
                out.println("  errors of drive " + d.serial() + ":");
                d.errors().forEach(e -> out.println("    " + e));
            }
        }
    }

    /** One line: where the import job stands, for {@code status --watch}. */
    static String importJobLine(ImportJobView v) {
        String state = v.reported() ? serviceState(v) : v.jobState().label();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s: %s %d%%, %s copied", v.jobName(), state,
                v.percentComplete(), Sizes.decimal(v.bytesCopied())));
        for (DriveView d : v.drives()) {
            b.append(String.format(Locale.ROOT, "; %s %s %d%%", d.serial(), d.stateText(), d.percentComplete()));
        }
        if (v.deadline() != null) {
            b.append("; ").append(v.deadline().describe());
        }
        return b.toString();
    }

    /**
     * The import job's state as the service spelled it; one Seedbench has no counterpart for is marked so (the job
     * keeps its state in the catalog until the service reports one it knows).
     */
    static String serviceState(ImportJobView v) {
        return v.serviceState() != null || !v.reported() ? v.serviceStateText()
                : v.serviceStateText() + " (a state of the service's that Seedbench does not know; the job stays "
                        + v.jobState().label() + ")";
    }

    /** A job's return details: the address field by field and on one line, the return carrier and account. */
    static Map<String, Object> returnDetails(ReturnDetails r) {
        ReturnAddress a = r.address();
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("recipientName", a.recipientName());
        address.put("streetAddress1", a.streetAddress1());
        address.put("streetAddress2", a.streetAddress2());
        address.put("city", a.city());
        address.put("stateOrProvince", a.stateOrProvince());
        address.put("postalCode", a.postalCode());
        address.put("countryOrRegion", a.countryOrRegion());
        address.put("phone", a.phone());
        address.put("email", a.email());
        address.put("legacyText", a.legacyText());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("returnAddress", a.oneLine());
        m.put("returnAddressFields", address);
        m.put("returnCarrier", r.shipping().carrierName());
        m.put("returnCarrierAccount", r.shipping().carrierAccountNumber());
        return m;
    }

    static Map<String, Object> job(SeedingJob job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", job.name());
        m.put("state", job.state().label());
        m.put("stagingLocation", job.stagingLocation());
        m.put("storageAccount", job.storageAccount());
        m.put("container", job.container());
        m.put("subscriptionId", job.subscriptionId());
        m.put("location", job.location());
        m.put("workloads", job.workloads().stream().map(WorkloadSpec::toString).toList());
        m.put("connector", job.connector());
        if (job.sourceHost() != null) {
            m.put("sourceHost", job.sourceHost());
        }
        m.put("created", job.created() == null ? null : job.created().toString());
        return m;
    }

    static Map<String, Object> drive(Drive d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", d.jobName());
        m.put("serial", d.serial());
        m.put("model", d.model());
        m.put("transport", d.transport());
        m.put("mediaType", d.mediaType());
        m.put("capacityBytes", d.capacityBytes());
        m.put("usedBytes", d.usedBytes());
        m.put("encryptor", d.encryptor());
        m.put("manifestFile", d.manifestFile());
        m.put("manifestHash", d.manifestHash());
        m.put("state", d.state().label());
        m.put("percentCopied", d.percentCopied());
        return m;
    }

    static Map<String, Object> shipment(Shipment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("carrier", s.carrier());
        m.put("trackingNumber", s.trackingNumber());
        m.put("shipDate", s.shipDate() == null ? null : s.shipDate().toString());
        m.put("drives", s.driveSerials());
        m.put("returnAddress", s.returnAddress().oneLine());
        m.put("returnCarrier", s.returnShipping().carrierName());
        m.put("returnCarrierAccount", s.returnCarrierAccount());
        return m;
    }

    static Map<String, Object> event(JobEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("actor", e.actor());
        m.put("kind", e.kind());
        m.put("detail", e.detail());
        return m;
    }

    static void printDrives(PrintStream out, List<Drive> drives) {
        int job = Math.max(3, drives.stream().mapToInt(d -> d.jobName().length()).max().orElse(3));
        String head = "%-" + job + "s %-16s %-20s %-6s %-4s %10s %10s %-18s %5s%n";
        out.printf(head, "JOB", "SERIAL", "MODEL", "VIA", "TYPE", "CAPACITY", "USED", "STATE", "COPY");
        for (Drive d : drives) {
            out.printf("%-" + job + "s %-16s %-20s %-6s %-4s %10s %10s %-18s %4d%%%n", d.jobName(), d.serial(),
                    nz(d.model()), nz(d.transport()), nz(d.mediaType()), Sizes.decimal(d.capacityBytes()),
                    Sizes.decimal(d.usedBytes()), d.state().label(), d.percentCopied());
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
