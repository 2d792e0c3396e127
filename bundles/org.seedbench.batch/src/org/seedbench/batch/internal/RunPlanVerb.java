package org.seedbench.batch.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.workflow.PlanSteps;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench run-plan PLAN.json}: the seeding steps of several jobs from a plan file, for batch runs. Each
 * job's steps run in order through the same verbs a user types; a step the job's state shows as done is skipped,
 * so a plan run again after a failure or a wait goes on where it stopped. A job whose step fails stops there; the
 * other jobs go on. One exit code for the whole plan (the worst: 1, then 3, then 4) and a summary. The plan's
 * format is {@code PLAN.md} in this bundle.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "run-plan", description = "run the seeding steps of several jobs from a plan file (batch seeding)",
        footer = "A step the job has already done is skipped: run the plan again to go on after a failure or a wait. "
                + "With --json, the summary as JSON (the steps' own output goes to stderr).")
public final class RunPlanVerb implements CliVerb {
    @Parameters(paramLabel = "PLAN.json", description = "the plan file: the jobs and their steps (init, stage, "
            + "prepare-drives, ship, wait, seed-vault, backup, cleanup); the format is documented in "
            + "bundles/org.seedbench.batch/PLAN.md")
    String plan;

    @Override
    public int order() {
        return 160;
    }
    /** The steps of a job, in the order they run. */
    static final List<String> STEPS = List.of("init", "stage", "prepare-drives", "ship", "wait", "seed-vault",
            "backup", "cleanup");
    private static final Set<String> JOB_FIELDS = Set.of("name", "staging", "storageAccount", "container",
            "subscription", "location", "connector", "sourceHost", "workloads", "include", "exclude", "drives",
            "encryptor", "passphraseFile", "shipping", "steps", "waitMinutes", "rehearsalDaysPerSecond");
    private static final Set<String> PLAN_FIELDS = Set.of("seedbenchPlan", "defaults", "jobs");
    private static final Set<String> SHIPPING_FIELDS = Set.of("carrier", "tracking", "shipDate", "returnAddress",
            "returnCarrierAccount");

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
        List<PlannedJob> jobs = read(file);
        PrintStream stepOut = inv.json() ? inv.err() : inv.out();
        List<JobRun> runs = new ArrayList<>();
        for (PlannedJob job : jobs) {
            runs.add(run(inv, job, stepOut));
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

    private JobRun run(Invocation inv, PlannedJob job, PrintStream out) {
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String step : job.steps()) {
            JobState state = state(inv, job.name()).orElse(null);
            if (isDone(step, state)) {
                skipped.add(step);
                continue;
            }
            if (state != null && (state == JobState.CANCELLED || state == JobState.EXPIRED)) {
                return new JobRun(job.name(), state.label(), ran, skipped, step, ExitCode.NEEDS_ACTION);
            }
            List<String> args = new ArrayList<>(job.args(step));
            args.add("--data");
            args.add(inv.dataDirectory().toString());
            out.println();
            out.println("==> [" + job.name() + "] seedbench " + String.join(" ", args.subList(0, args.size() - 2)));
            ExitCode code = inv.commands().run(args, out);
            ran.add(step);
            if (code != ExitCode.DONE) {
                return new JobRun(job.name(), state(inv, job.name()).map(JobState::label).orElse("-"), ran, skipped,
                        step, code);
            }
        }
        return new JobRun(job.name(), state(inv, job.name()).map(JobState::label).orElse("-"), ran, skipped, null,
                ExitCode.DONE);
    }

    private static Optional<JobState> state(Invocation inv, String job) {
        try (Catalog catalog = inv.openCatalog()) {
            return catalog.job(job).map(SeedingJob::state);
        }
    }

    /** Whether a job in {@code state} has done {@code step} already (null: the job does not exist yet). */
    static boolean isDone(String step, JobState state) {
        return PlanSteps.isDone(step, state);
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

    /** A job of the plan with the defaults merged in. */
    record PlannedJob(String name, JsonNode spec, List<String> steps) {

        String text(String field) {
            JsonNode n = spec.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }

        List<String> list(String field) {
            List<String> values = new ArrayList<>();
            JsonNode n = spec.get(field);
            if (n != null) {
                n.forEach(v -> values.add(v.asText()));
            }
            return values;
        }

        /** The command line of one step. */
        List<String> args(String step) {
            List<String> a = new ArrayList<>();
            a.add(step.equals("wait") ? "status" : step);
            if (step.equals("init")) {
                a.addAll(List.of("--name", name));
                option(a, "staging", "staging");
                option(a, "storage-account", "storageAccount");
                option(a, "container", "container");
                option(a, "subscription", "subscription");
                option(a, "location", "location");
                option(a, "connector", "connector");
                option(a, "source-host", "sourceHost");
                list("workloads").forEach(w -> a.addAll(List.of("--workload", w)));
                list("include").forEach(w -> a.addAll(List.of("--include", w)));
                list("exclude").forEach(w -> a.addAll(List.of("--exclude", w)));
                if (text("rehearsalDaysPerSecond") != null) {
                    a.add("--rehearsal");
                    option(a, "days-per-second", "rehearsalDaysPerSecond");
                }
                return a;
            }
            a.add(name);
            switch (step) {
                case "stage", "backup" -> option(a, "passphrase-file", "passphraseFile");
                case "prepare-drives" -> {
                    a.add("--yes-format");
                    option(a, "encryptor", "encryptor");
                    list("drives").forEach(d -> a.addAll(List.of("--drive", d)));
                }
                case "ship" -> {
                    JsonNode s = spec.path("shipping");
                    shipping(a, s, "carrier", "carrier");
                    shipping(a, s, "tracking", "tracking");
                    shipping(a, s, "ship-date", "shipDate");
                    shipping(a, s, "return-address", "returnAddress");
                    shipping(a, s, "return-carrier-account", "returnCarrierAccount");
                }
                case "wait" -> {
                    a.add("--watch");
                    String minutes = text("waitMinutes");
                    if (minutes != null) {
                        a.addAll(List.of("--timeout", String.valueOf(Math.round(Double.parseDouble(minutes) * 60))));
                    }
                }
                default -> {
                }
            }
            return a;
        }

        private void option(List<String> a, String option, String field) {
            String v = text(field);
            if (v != null) {
                a.addAll(List.of("--" + option, v));
            }
        }

        private static void shipping(List<String> a, JsonNode s, String option, String field) {
            JsonNode v = s.get(field);
            if (v != null && !v.isNull()) {
                a.addAll(List.of("--" + option, v.asText()));
            }
        }
    }

    /** Reads and checks a plan: every problem is named by its place in the file. */
    static List<PlannedJob> read(Path file) throws IOException, InvalidInputException {
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
        List<PlannedJob> planned = new ArrayList<>();
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
            planned.add(new PlannedJob(name, merged, steps));
        }
        InvalidInputException.throwIfAny(problems);
        return planned;
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
                if (!SHIPPING_FIELDS.contains(f)) {
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
