package org.seedbench.batch.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.spi.Progress;
import org.seedbench.workflow.CleanupOutcome;
import org.seedbench.workflow.ImportJobView;
import org.seedbench.workflow.JobService;
import org.seedbench.workflow.PlanJob;
import org.seedbench.workflow.PlanListener;
import org.seedbench.workflow.PlanService;
import org.seedbench.workflow.PrepareOutcome;
import org.seedbench.workflow.SeedOutcome;
import org.seedbench.workflow.StageOutcome;
import org.seedbench.workflow.VaultBackupOutcome;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench run-plan PLAN.json}: the seeding steps of several jobs from a plan file, for batch runs. Each
 * job's steps run in order through {@link PlanService}, printed as the verbs of the same names print them; a step the job's state shows as done is skipped,
 * so a plan run again after a failure or a wait goes on where it stopped. A job whose step fails stops there; the
 * other jobs go on. One exit code for the whole plan (the worst: 1, then 3, then 4) and a summary. The plan's
 * format is {@code PLAN.md} in this bundle.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = RunPlanVerb.NAME,
        description = "run the seeding steps of several jobs from a plan file (batch seeding)",
        footer = "A step the job has already done is skipped: run the plan again to go on after a failure or a wait. "
                + "With --json, the summary as JSON (the steps' own output goes to stderr).")
public final class RunPlanVerb implements CliVerb {
    static final String NAME = "run-plan";

    @Parameters(paramLabel = "PLAN.json", description = "the plan file: the jobs and their steps (init, stage, "
            + "prepare-drives, ship, wait, seed-vault, backup, cleanup); the format is documented in "
            + "bundles/org.seedbench.batch/PLAN.md")
    String plan;

    @Reference
    private PlanService plans;

    @Override
    public int order() {
        return 160;
    }
    /** The steps of a job, in the order they run. */
    static final List<String> STEPS = PlanJob.STEPS;
    private static final Set<String> JOB_FIELDS = Set.of("name", "staging", "storageAccount", "container",
            "subscription", "location", "connector", "sourceHost", "workloads", "include", "exclude", "drives",
            "encryptor", "passphraseFile", "shipping", "steps", "waitMinutes", "rehearsalDaysPerSecond");
    private static final Set<String> PLAN_FIELDS = Set.of("seedbenchPlan", "defaults", "jobs");
    private static final Set<String> SHIPPING_FIELDS = Set.of("carrier", "tracking", "shipDate", "returnRecipient",
            "returnStreet1", "returnStreet2", "returnCity", "returnState", "returnPostalCode", "returnCountry",
            "returnPhone", "returnEmail", "returnCarrier", "returnCarrierAccount");
    /** The free-text return address of older plans, which the import services do not take. */
    private static final String OLD_RETURN_ADDRESS = "returnAddress";

    @Override
    public boolean createsCatalog() {
        return true;
    }
    /** One job's outcome. */
    record JobRun(String job, String state, List<String> ran, List<String> skipped, String stoppedAt,
            ExitCode exit) {
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        Path file = Path.of(plan);
        List<PlanJob> jobs = read(file);
        PrintStream stepOut = inv.json() ? inv.err() : inv.out();
        inv.openCatalog().close();
        Printer printer = new Printer(inv, stepOut);
        List<JobRun> runs = new ArrayList<>();
        for (PlanService.JobRun r : plans.run(inv.workspace(), jobs, inv.clock(), printer)) {
            ExitCode exit = switch (r.ending()) {
                case DONE -> ExitCode.DONE;
                case NEEDS_ACTION -> ExitCode.NEEDS_ACTION;
                case FAILED -> printer.failures.getOrDefault(r.job(), ExitCode.FAILURE);
            };
            runs.add(new JobRun(r.job(), r.state() == null ? "-" : r.state().label(), r.ran(), r.skipped(),
                    r.stoppedAt(), exit));
        }
        ExitCode worst = worst(runs.stream().map(JobRun::exit).toList());
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plan", file.toString());
            m.put("exitCode", worst.code());
            m.put("jobs", runs.stream().map(r -> {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("job", r.job());
                j.put("state", r.state());
                j.put("ran", r.ran());
                j.put("skipped", r.skipped());
                j.put("stoppedAt", r.stoppedAt());
                j.put("exit", r.exit().code());
                return j;
            }).toList());
            Views.printJson(inv.out(), m);
        } else {
            printSummary(inv.out(), runs, worst);
        }
        return worst;
    }

    /**
     * Prints each step as the verb of the same name prints its outcome (as text: with --json on stderr), its
     * failure as the verb's failure; gives the steps the passphrase and a progress as the verbs get them.
     */
    private static final class Printer implements PlanListener {
        private final Invocation inv;
        private final PrintStream out;
        private final Map<String, ExitCode> failures = new HashMap<>();
        private TerminalProgress progress;
        private StatusVerb.Watcher watcher;

        Printer(Invocation inv, PrintStream out) {
            this.inv = inv;
            this.out = out;
        }

        @Override
        public void started(PlanJob job, String step) {
            out.println();
            out.println("==> [" + job.name() + "] seedbench " + String.join(" ", job.command(step)));
            watcher = new StatusVerb.Watcher(out, false, System.console() != null);
        }

        @Override
        public Progress progress(PlanJob job, String step) {
            progress = new TerminalProgress(System.console() != null ? inv.err() : out, System.console() != null
                    ? TerminalProgress.Mode.TERMINAL : TerminalProgress.Mode.PLAIN);
            return progress;
        }

        @Override
        public Secret passphrase(PlanJob job, boolean confirm) throws InvalidInputException {
            return Passphrases.read(job.passphraseFile(), inv.env(), confirm);
        }

        @Override
        public void note(PlanJob job, String note) {
            out.println("Note: " + note);
        }

        @Override
        public void watching(PlanJob job, ImportJobView view) {
            watcher.accept(view);
        }

        @Override
        public void done(PlanJob job, String step, Object outcome) {
            endProgress(!step.equals("prepare-drives"));
            print(job, step, outcome);
        }

        @Override
        public void needsAction(PlanJob job, String step, Object outcome) {
            endProgress(!step.equals("prepare-drives"));
            if (outcome != null) {
                print(job, step, outcome);
            }
            if (outcome instanceof ImportJobView view && view.moving()) {
                StatusVerb.stillMoving(inv.err(), view, String.valueOf(job.waitSeconds()));
            }
        }

        @Override
        public void failed(PlanJob job, String step, Exception failure) {
            endProgress(false);
            String verb = step.equals("wait") ? "status" : step;
            Exception e = failure instanceof PlanService.MissingValue m ? new UsageException(m.getMessage(), null)
                    : failure;
            failures.put(job.name(), CommandLine.report(verb, inv.parsed().commandSpec().parent().subcommands()
                    .get(verb), e, inv.given("--debug"), inv.err()));
        }

        /**
         * @param complete whether the step's last task ends at 100 %, as its verb's does (prepare-drives' ends where
         *                 it stands)
         */
        private void endProgress(boolean complete) {
            if (progress != null) {
                if (complete) {
                    progress.complete();
                }
                progress.finishLine();
                progress = null;
            }
        }

        private void print(PlanJob job, String step, Object outcome) {
            String name = job.name();
            if (outcome instanceof JobService.Created c) {
                InitVerb.printText(out, c);
            } else if (outcome instanceof StageOutcome o) {
                StageVerb.printText(out, name, o);
            } else if (outcome instanceof PrepareOutcome o) {
                PrepareDrivesVerb.printText(out, inv.err(), name, o);
                if (!o.needsMoreDrives() && o.importJob() != null) {
                    PrepareDrivesVerb.printImportJobText(out, name, o.importJob());
                }
            } else if (outcome instanceof Shipment o) {
                ShipVerb.printText(out, name, o);
            } else if (outcome instanceof ImportJobView o) {
                watcher.end(inv.workspace(), o);
            } else if (outcome instanceof SeedOutcome o) {
                SeedVaultVerb.printText(out, name, o);
            } else if (outcome instanceof VaultBackupOutcome o) {
                BackupVerb.printText(out, name, o);
            } else if (outcome instanceof CleanupOutcome o) {
                CleanupVerb.printText(out, name, o);
            } else {
                throw new IllegalStateException("not an outcome of step " + step + ": " + outcome);
            }
        }
    }

    static ExitCode worst(List<ExitCode> codes) {
        for (ExitCode c : List.of(ExitCode.FAILURE, ExitCode.USAGE, ExitCode.INVALID_INPUT, ExitCode.NEEDS_ACTION)) {
            if (codes.contains(c)) {
                return c;
            }
        }
        return ExitCode.DONE;
    }

    private static void printSummary(PrintStream out, List<JobRun> runs, ExitCode worst) {
        out.println();
        out.println("Plan summary:");
        out.printf("  %-24s %-20s %-6s %s%n", "JOB", "STATE", "EXIT", "STEPS");
        for (JobRun r : runs) {
            String steps = "ran " + (r.ran().isEmpty() ? "none" : String.join(", ", r.ran()))
                    + (r.skipped().isEmpty() ? "" : "; already done: " + String.join(", ", r.skipped()))
                    + (r.stoppedAt() == null ? "" : "; stopped at " + r.stoppedAt());
            out.printf("  %-24s %-20s %-6d %s%n", r.job(), r.state(), r.exit().code(), steps);
        }
        long ok = runs.stream().filter(r -> r.exit() == ExitCode.DONE).count();
        out.println(ok + " of " + runs.size() + " jobs done" + (worst == ExitCode.DONE ? "" : "; "
                + "exit " + worst.code()));
    }

    /** Reads and checks a plan: every problem is named by its place in the file. */
    static List<PlanJob> read(Path file) throws IOException, InvalidInputException {
        JsonNode root;
        try {
            root = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(new Problem("plan", file.toString(), "does not exist", "a plan file"));
        } catch (JsonProcessingException e) {
            String duplicate = e.getOriginalMessage();
            if (duplicate != null && duplicate.startsWith("Duplicate field ")) {
                throw new InvalidInputException(new Problem("plan", file.toString(), "has the key "
                        + duplicate.substring("Duplicate field ".length()) + " twice in one object (line "
                        + e.getLocation().getLineNr() + ")", "each key once in an object"));
            }
            throw new InvalidInputException(new Problem("plan", file.toString(), "is not JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                    "a plan as PLAN.md describes it"));
        }
        List<Problem> problems = new ArrayList<>();
        if (root == null || !root.isObject() || root.path("seedbenchPlan").asInt() != 1) {
            throw new InvalidInputException(new Problem("plan", file.toString(), "has no \"seedbenchPlan\": 1",
                    "a JSON object starting {\"seedbenchPlan\": 1, \"jobs\": [...]}"));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!PLAN_FIELDS.contains(f)) {
                problems.add(new Problem("plan " + f, null, "is not a member of a plan",
                        String.join(", ", PLAN_FIELDS.stream().sorted().toList())));
            }
        }
        JsonNode defaults = root.path("defaults");
        if (!defaults.isMissingNode() && !defaults.isObject()) {
            problems.add(new Problem("plan defaults", null, "is not an object", "{\"storageAccount\": …}"));
        }
        JsonNode jobs = root.path("jobs");
        if (!jobs.isArray() || jobs.isEmpty()) {
            throw new InvalidInputException(new Problem("plan jobs", null, "is missing or empty",
                    "a list of jobs, each with at least a name"));
        }
        List<PlanJob> planned = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < jobs.size(); i++) {
            String where = "plan jobs[" + i + "]";
            JsonNode j = jobs.get(i);
            if (!j.isObject()) {
                problems.add(new Problem(where, null, "is not an object", "{\"name\": …, …}"));
                continue;
            }
            ObjectNode merged = defaults.isObject() ? ((ObjectNode) defaults).deepCopy()
                    : new ObjectMapper().createObjectNode();
            mergeInto(merged, (ObjectNode) j);
            check(merged, where, problems);
            String name = merged.path("name").asText("");
            if (!name.isEmpty() && !names.add(name)) {
                problems.add(new Problem(where + ".name", name, "appears twice in the plan", "one entry per job"));
            }
            List<String> steps = new ArrayList<>();
            JsonNode s = merged.get("steps");
            if (s == null) {
                steps.addAll(STEPS);
            } else {
                s.forEach(x -> steps.add(x.asText()));
                for (String step : steps) {
                    if (!STEPS.contains(step)) {
                        problems.add(new Problem(where + ".steps", step, "is not a step", String.join(", ", STEPS)));
                    }
                }
                List<Integer> order = steps.stream().filter(STEPS::contains).map(STEPS::indexOf).toList();
                if (!order.equals(order.stream().sorted().distinct().toList())) {
                    problems.add(new Problem(where + ".steps", String.join(",", steps), "are out of order or repeated",
                            "steps in this order: " + String.join(", ", STEPS)));
                }
            }
            planned.add(planJob(name, merged, steps));
        }
        InvalidInputException.throwIfAny(problems);
        return planned;
    }

    /** A checked job of the plan as the plan runner takes it. */
    private static PlanJob planJob(String name, JsonNode spec, List<String> steps) {
        JsonNode s = spec.path("shipping");
        return new PlanJob(name, text(spec, "staging"), text(spec, "storageAccount"), text(spec, "container"),
                text(spec, "subscription"), text(spec, "location"), text(spec, "connector"), text(spec, "sourceHost"),
                list(spec, "workloads"), list(spec, "include"), list(spec, "exclude"), list(spec, "drives"),
                text(spec, "encryptor"), text(spec, "passphraseFile"), new PlanJob.Shipping(text(s, "carrier"),
                        text(s, "tracking"), text(s, "shipDate"), new ReturnDetails(new ReturnAddress(
                                text(s, "returnRecipient"), text(s, "returnStreet1"), text(s, "returnStreet2"),
                                text(s, "returnCity"), text(s, "returnState"), text(s, "returnPostalCode"),
                                text(s, "returnCountry"), text(s, "returnPhone"), text(s, "returnEmail")),
                                new ReturnShipping(text(s, "returnCarrier"), text(s, "returnCarrierAccount")))),
                steps, text(spec, "waitMinutes"),
                text(spec, "rehearsalDaysPerSecond"));
    }

    private static String text(JsonNode spec, String field) {
        JsonNode n = spec.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<String> list(JsonNode spec, String field) {
        List<String> values = new ArrayList<>();
        JsonNode n = spec.get(field);
        if (n != null) {
            n.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /** The job's fields over the defaults; {@code shipping} is merged field by field. */
    private static void mergeInto(ObjectNode merged, ObjectNode job) {
        for (Iterator<Map.Entry<String, JsonNode>> it = job.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("shipping") && e.getValue().isObject() && merged.path("shipping").isObject()) {
                ((ObjectNode) merged.get("shipping")).setAll((ObjectNode) e.getValue());
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void check(ObjectNode job, String where, List<Problem> problems) {
        if (job.path("name").asText("").isBlank()) {
            problems.add(new Problem(where + ".name", null, "is missing", "the import job's name"));
        } else {
            // before a step prints it: a name with a newline would forge lines of the plan's output
            for (Problem p : SeedRules.checkImportJobName(job.path("name").asText())) {
                problems.add(new Problem(where + ".name", p.value(), p.problem(), p.allowed()));
            }
        }
        for (Iterator<String> it = job.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!JOB_FIELDS.contains(f)) {
                problems.add(new Problem(where + "." + f, null, "is not a field of a job", String.join(", ",
                        JOB_FIELDS.stream().sorted().toList())));
            }
        }
        JsonNode shipping = job.path("shipping");
        if (shipping.isObject()) {
            for (Iterator<String> it = shipping.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (f.equals(OLD_RETURN_ADDRESS)) {
                    problems.add(new Problem(where + ".shipping." + f, null, "is free text, which the import "
                            + "services do not take; give the address's fields instead", "returnRecipient, "
                            + "returnStreet1, returnStreet2, returnCity, returnState, returnPostalCode, returnCountry, "
                            + "returnPhone, returnEmail, returnCarrier, returnCarrierAccount"));
                } else if (!SHIPPING_FIELDS.contains(f)) {
                    problems.add(new Problem(where + ".shipping." + f, null, "is not a shipping field",
                            String.join(", ", SHIPPING_FIELDS.stream().sorted().toList())));
                }
            }
        }
        positiveNumber(job, "waitMinutes", where, problems, "is not a number of minutes",
                "a number greater than 0, e.g. 90 or 0.5");
        positiveNumber(job, "rehearsalDaysPerSecond", where, problems, "is not a number of days per second",
                "a number greater than 0, e.g. 1 or 0.1");
        for (String listField : List.of("workloads", "include", "exclude", "drives", "steps")) {
            JsonNode n = job.get(listField);
            if (n != null && !n.isArray()) {
                problems.add(new Problem(where + "." + listField, n.asText(), "is not a list", "[\"…\", …]"));
            }
        }
    }

    private static void positiveNumber(JsonNode job, String field, String where, List<Problem> problems,
            String problem, String allowed) {
        JsonNode n = job.get(field);
        if (n != null && !n.isNull() && !(n.isNumber() && n.asDouble() > 0)) {
            problems.add(new Problem(where + "." + field, n.isTextual() ? n.asText() : n.toString(), problem, allowed));
        }
    }
}
