package org.seedbench.workflow;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.ShippingRules.Deadline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Alerts: what an admin must hear of without watching — shipping details due within
 * {@value org.seedbench.core.rules.ShippingRules#WARN_DAYS_LEFT} days, an import job that completed with errors, a
 * failed scheduled backup, a failed prune — posted to a webhook and/or given to a command, as
 * {@link AlertSettings} say. An alert goes out once per cause: a delivered alert is recorded in the job's events
 * ({@value #EVENT_SENT}), and the same kind and cause again sends nothing; an alert no target took is recorded as
 * {@value #EVENT_FAILED} and goes out again at the next check.
 *
 * <p>What is sent is a small JSON object: {@code {"job", "kind", "cause", "detail", "state", "time"}}. A webhook
 * gets it as an HTTP POST ({@code application/json}; the URL's user and password, if any, as basic authentication),
 * with a timeout and one retry; a command (run by the system's shell) on its standard input, with
 * {@code SEEDBENCH_JOB}, {@code SEEDBENCH_ALERT} (the kind) and {@code SEEDBENCH_ALERT_DETAIL} in its environment,
 * and a timeout. The webhook's URL is never shown, logged or recorded whole ({@link AlertSettings#mask}).
 */
@Component(service = AlertService.class)
public class AlertService {
    /** Kind: shipping details are due within 4 days. */
    public static final String DEADLINE = "deadline";
    /** Kind: the import service completed the job's import job with errors. */
    public static final String COMPLETED_WITH_ERRORS = "completed-with-errors";
    /** Kind: a scheduled backup failed ({@code run-due} fires it). */
    public static final String BACKUP_FAILED = "backup-failed";
    /** Kind: a prune failed. */
    public static final String PRUNE_FAILED = "prune-failed";
    /** Kind: a test alert ({@code notify --test}); never recorded as sent, so it may be sent again. */
    public static final String TEST = "test";
    /** Event kinds. */
    public static final String EVENT_SENT = "alert.sent";
    public static final String EVENT_FAILED = "alert.failed";
    public static final String EVENT_SETTINGS = "alert.settings";
    public static final String EVENT_TEST = "alert.test";

    /** Environment variables a command alert gets. */
    public static final String ENV_JOB = "SEEDBENCH_JOB";
    public static final String ENV_ALERT = "SEEDBENCH_ALERT";
    public static final String ENV_DETAIL = "SEEDBENCH_ALERT_DETAIL";

    /** Made when the first alert is written: every verb activates this service, few send an alert. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    /** One target's delivery: {@code problem} is null when it took the alert. */
    public record Delivery(String target, String problem) {
        public boolean delivered() {
            return problem == null;
        }

        /** For people: the target (masked) and how it went. */
        public String describe() {
            return target + (problem == null ? "" : ": " + problem);
        }
    }

    /**
     * An alert and where it went.
     *
     * @param repeated   whether it had gone out before for this cause (then nothing was sent)
     * @param deliveries one per target; empty when no alerts are set for the job
     */
    public record Fired(String jobName, String kind, String cause, String detail, boolean repeated,
            List<Delivery> deliveries) {
        /** Whether a target took it now. */
        public boolean sent() {
            return deliveries.stream().anyMatch(Delivery::delivered);
        }

        /** The targets that did not take it. */
        public List<Delivery> failures() {
            return deliveries.stream().filter(d -> !d.delivered()).toList();
        }
    }

    @Reference
    private ImportJobService importJobs;

    private final Clock clock;
    private final Duration webhookTimeout;
    private final Duration commandTimeout;

    public AlertService() {
        this(Clock.systemUTC(), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    AlertService(Clock clock, Duration webhookTimeout, Duration commandTimeout) {
        this.clock = clock;
        this.webhookTimeout = webhookTimeout;
        this.commandTimeout = commandTimeout;
    }

    /** Where the job's alerts go (its own settings, else the default); {@code null} job: the default. */
    public AlertSettings settings(Workspace workspace, String jobName) throws IOException {
        return jobName == null ? AlertSettings.all(workspace.dataDirectory()).get(null)
                : AlertSettings.forJob(workspace.dataDirectory(), jobName);
    }

    /** The default settings (key {@code null}) and each job's own. */
    public Map<String, AlertSettings> allSettings(Workspace workspace) throws IOException {
        return AlertSettings.all(workspace.dataDirectory());
    }

    /**
     * Sets where the job's alerts go ({@code null} job: the default for every job without its own);
     * {@link AlertSettings#NONE} removes a job's own (it then follows the default). Recorded in the job's events,
     * the webhook masked.
     *
     * @throws InvalidInputException a webhook that is not an http(s) URL, a job that does not exist
     */
    public void configure(Workspace workspace, String jobName, AlertSettings settings)
            throws InvalidInputException, IOException {
        if (settings.webhook() != null) {
            AlertSettings.checkWebhook(settings.webhook());
        }
        if (settings.command() != null && settings.command().isBlank()) {
            throw new InvalidInputException(new Problem("command", "", "is empty", "a command line, e.g. "
                    + "/usr/local/bin/page-admin"));
        }
        if (jobName != null) {
            try (Catalog catalog = workspace.catalog()) {
                Jobs.require(catalog, jobName);
            }
        }
        AlertSettings.put(workspace.dataDirectory(), jobName, settings);
        if (jobName != null) {
            try (Catalog catalog = workspace.catalog()) {
                catalog.recordEvent(jobName, EVENT_SETTINGS, settings == AlertSettings.NONE
                        ? "alerts follow the default of every job" : "alerts: " + settings.summary());
            }
        }
    }

    /**
     * Checks the job for alerts due and sends each once: shipping details due within
     * {@value org.seedbench.core.rules.ShippingRules#WARN_DAYS_LEFT} days (by the connector's clock) and an import
     * job completed with errors. {@code status}, {@code alerts check} and {@code run-due} call it. Nothing is asked
     * of the connector when no alerts are set for the job.
     *
     * @return the alerts due, sent now or before
     */
    public List<Fired> check(Workspace workspace, String jobName) throws InvalidInputException, IOException {
        if (!settings(workspace, jobName).any()) {
            return List.of();
        }
        SeedingJob job;
        Map<String, String> props;
        List<JobEvent> events;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
            props = catalog.jobProperties(jobName);
            events = catalog.events(jobName);
        }
        String importJob = "import job created " + props.getOrDefault(ImportJobService.PROP_CREATED, "(unknown)");
        List<Fired> fired = new ArrayList<>();
        Optional<Deadline> deadline = importJobs.deadline(workspace, job, props);
        if (deadline.isPresent() && deadline.get().warn()) {
            fired.add(fire(workspace, jobName, DEADLINE, importJob, "job " + jobName + ": "
                    + deadline.get().describe() + "; due " + deadline.get().due()));
        }
        boolean withErrors = job.state() == JobState.COMPLETED_WITH_ERRORS || events.stream().anyMatch(e -> e.kind()
                .equals("job.state") && e.detail().contains("→ " + JobState.COMPLETED_WITH_ERRORS.label()));
        if (withErrors) {
            fired.add(fire(workspace, jobName, COMPLETED_WITH_ERRORS, importJob, "job " + jobName + ": the import "
                    + "service completed the import job with errors; seedbench status " + jobName
                    + " names the drives and blobs"));
        }
        return fired;
    }

    /** {@link #fire(Workspace, String, String, String, String)} whose cause is the detail itself. */
    public Fired fire(Workspace workspace, String jobName, String kind, String detail)
            throws InvalidInputException, IOException {
        return fire(workspace, jobName, kind, detail, detail);
    }

    /**
     * Sends an alert to where the job's alerts go, unless one of this kind and cause went out before. Other steps
     * call it: {@code run-due} for a failed scheduled backup ({@link #BACKUP_FAILED}, its cause the run that
     * failed), {@code prune} for a prune error ({@link #PRUNE_FAILED}).
     *
     * @param cause what makes this alert one of its own (the run, the import job): the same cause again sends
     *              nothing
     * @param detail what happened, for people (no secrets)
     * @throws InvalidInputException when the job does not exist
     */
    public Fired fire(Workspace workspace, String jobName, String kind, String cause, String detail)
            throws InvalidInputException, IOException {
        AlertSettings settings = settings(workspace, jobName);
        String tag = tag(kind, cause);
        JobState state;
        try (Catalog catalog = workspace.catalog()) {
            state = Jobs.require(catalog, jobName).state();
            if (!settings.any()) {
                return new Fired(jobName, kind, cause, detail, false, List.of());
            }
            if (catalog.events(jobName).stream().anyMatch(e -> e.kind().equals(EVENT_SENT)
                    && e.detail().startsWith(tag))) {
                return new Fired(jobName, kind, cause, detail, true, List.of());
            }
        }
        List<Delivery> deliveries = deliver(settings, jobName, kind, cause, detail, state);
        Fired fired = new Fired(jobName, kind, cause, detail, false, deliveries);
        try (Catalog catalog = workspace.catalog()) {
            if (fired.sent()) {
                catalog.recordEvent(jobName, EVENT_SENT, tag + detail + "; sent to " + String.join(", ",
                        deliveries.stream().filter(Delivery::delivered).map(Delivery::target).toList()));
            }
            for (Delivery failed : fired.failures()) {
                catalog.recordEvent(jobName, EVENT_FAILED, tag + detail + "; " + failed.describe());
            }
        }
        return fired;
    }

    /**
     * Sends a test alert to where the job's alerts go ({@code null} job: the default's), recorded in the job's
     * events; a test is never taken for an alert already sent.
     */
    public Fired test(Workspace workspace, String jobName) throws InvalidInputException, IOException {
        AlertSettings settings = settings(workspace, jobName);
        JobState state = null;
        if (jobName != null) {
            try (Catalog catalog = workspace.catalog()) {
                state = Jobs.require(catalog, jobName).state();
            }
        }
        String cause = "test at " + clock.instant();
        String detail = "a test alert from seedbench notify --test";
        List<Delivery> deliveries = settings.any() ? deliver(settings, jobName, TEST, cause, detail, state)
                : List.of();
        if (jobName != null && !deliveries.isEmpty()) {
            try (Catalog catalog = workspace.catalog()) {
                catalog.recordEvent(jobName, EVENT_TEST, detail + ": " + String.join(", ",
                        deliveries.stream().map(Delivery::describe).toList()));
            }
        }
        return new Fired(jobName, TEST, cause, detail, false, deliveries);
    }

    /** How an alert's events begin: its kind and cause, one line. */
    private static String tag(String kind, String cause) {
        return kind + " [" + Problem.escape(cause) + "]: ";
    }

    private List<Delivery> deliver(AlertSettings settings, String jobName, String kind, String cause, String detail,
            JobState state) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("job", jobName);
        alert.put("kind", kind);
        alert.put("cause", cause);
        alert.put("detail", detail);
        alert.put("state", state == null ? null : state.label());
        alert.put("time", clock.instant().toString());
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alert as JSON", e);
        }
        List<Delivery> deliveries = new ArrayList<>();
        if (settings.webhook() != null) {
            deliveries.add(new Delivery("webhook " + AlertSettings.mask(settings.webhook()),
                    post(settings.webhook(), body)));
        }
        if (settings.command() != null) {
            deliveries.add(new Delivery("command " + settings.command(),
                    run(settings.command(), body, jobName, kind, detail)));
        }
        return deliveries;
    }

    /** Posts the alert; one retry after a failure to connect, a timeout, HTTP 429 or 5xx. @return the problem */
    private String post(String url, byte[] body) {
        URI uri;
        try {
            uri = AlertSettings.checkWebhook(url);
        } catch (InvalidInputException e) {
            return "is not an http or https URL";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(withoutUserInfo(uri)).timeout(webhookTimeout)
                .header("Content-Type", "application/json").header("User-Agent", "seedbench")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (uri.getRawUserInfo() != null) {
            String user = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(
                    StandardCharsets.UTF_8)));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(webhookTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String problem = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return null;
                }
                problem = "answered HTTP " + status;
                if (status != 429 && status < 500) {
                    return problem;
                }
            } catch (IOException e) {
                problem = "could not be reached (" + withoutSecrets(e, uri) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return problem + ", twice";
    }

    /** The exception in a few words, without the URL's path, query or user (where tokens live). */
    private static String withoutSecrets(IOException e, URI uri) {
        String message = e.getMessage();
        for (String secret : new String[] { uri.getRawPath(), uri.getRawQuery(), uri.getRawUserInfo() }) {
            if (message != null && secret != null && secret.length() > 1 && message.contains(secret)) {
                message = null;
            }
        }
        String name = e instanceof java.net.http.HttpTimeoutException ? "timed out" : e.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawAuthority()
                    .lastIndexOf('@') + 1) + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL", e);
        }
    }

    /** Runs the command with the alert on its standard input. @return the problem */
    private String run(String command, byte[] body, String jobName, String kind, String detail) {
        List<String> shell = WINDOWS ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
        ProcessBuilder builder = new ProcessBuilder(shell).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put(ENV_JOB, jobName == null ? "" : jobName);
        env.put(ENV_ALERT, kind);
        env.put(ENV_DETAIL, detail);
        try {
            Process p = builder.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(body);
                in.write('\n');
            } catch (IOException e) {
                // the command did not read its input: it may still have done its work
            }
            if (!p.waitFor(commandTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "did not finish within " + commandTimeout.toSeconds() + " s (stopped)";
            }
            return p.exitValue() == 0 ? null : "exited with " + p.exitValue();
        } catch (InterruptedIOException | InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IOException e) {
            return "could not start: " + e.getMessage();
        }
    }
}
