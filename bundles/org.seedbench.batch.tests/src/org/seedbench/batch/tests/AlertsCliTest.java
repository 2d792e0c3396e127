package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.workflow.AlertService;
import org.seedbench.workflow.AlertService.Fired;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Alerts through the command line and the alert service, against a webhook receiver on 127.0.0.1 (the JDK's HTTP
 * server) and a shell command: the deadline and CompletedWithErrors alerts of the real local cloud's import jobs,
 * once per cause; a failed delivery is retried and sent at the next check; the webhook's token never shows.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class AlertsCliTest {
    static final String TOKEN = "Tok3n-8f2c41d9";
    static final String PASSPHRASE = "correct horse battery staple";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @InjectService(timeout = 10_000)
    AlertService alerts;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(timeout = 10_000, filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)")
    CloudConnector local;

    @TempDir
    Path tmp;

    Path data;
    HttpServer server;
    /** What the webhook received, in order. */
    final BlockingQueue<Received> posts = new LinkedBlockingQueue<>();
    /** The HTTP status the webhook answers with. */
    final AtomicInteger answer = new AtomicInteger(204);
    /** Everything the command line printed in a test. */
    final StringBuilder printed = new StringBuilder();

    record Received(String path, String query, String authorization, String contentType, JsonNode alert) {
    }

    @BeforeEach
    void webhookReceiver() throws IOException {
        data = tmp.resolve("data");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                posts.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(body)));
                exchange.sendResponseHeaders(answer.get(), -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        try {
            server.stop(0);
        } catch (IllegalStateException e) {
            // a test stopped it
        }
    }

    /** A webhook URL with the token in its user info, path and query, as Slack, Teams and others carry theirs. */
    private String webhook() {
        return "http://ops:" + TOKEN + "@127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + TOKEN
                + "?token=" + TOKEN;
    }

    private String masked() {
        return "webhook http://127.0.0.1:" + server.getAddress().getPort() + "/…";
    }

    private CliRun run(String... args) {
        CliRun r = CliRun.run(cli, data, args);
        printed.append(r.out()).append(r.err());
        return r;
    }

    private void init(String job, String... options) throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source-" + job));
        Random random = new Random(job.hashCode());
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < 2; i++) {
            random.nextBytes(bytes);
            Files.write(source.resolve("file-" + i + ".bin"), bytes);
        }
        List<String> args = new ArrayList<>(List.of("init", "--name", job, "--staging", tmp.resolve("staging")
                .toString(), "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + source));
        args.addAll(List.of(options));
        CliRun init = run(args.toArray(String[]::new));
        assertEquals(0, init.exitCode(), init.err());
    }

    /** A staged job whose drive is prepared (the import job created). */
    private void prepared(String job, String serial, String... initOptions) throws IOException {
        init(job, initOptions);
        Path pass = Files.writeString(tmp.resolve("pass.txt"), PASSPHRASE + "\n");
        CliRun stage = run("stage", job, "--passphrase-file", pass.toString());
        assertEquals(0, stage.exitCode(), stage.err());
        CliRun prepare = run("prepare-drives", job, "--yes-format", "--drive", "dir:" + tmp.resolve("drives/"
                + serial) + ",capacity=50M,serial=" + serial);
        assertEquals(0, prepare.exitCode(), prepare.out() + prepare.err());
    }

    private List<JobEvent> events(String job) {
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.events(job);
        }
    }

    /** The token is nowhere the admin or a log could see it: output, events, job properties. */
    private void assertTokenNeverShows(String job) {
        assertFalse(printed.toString().contains(TOKEN), printed.toString());
        try (Catalog catalog = catalogs.open(data)) {
            for (JobEvent e : catalog.events(job)) {
                assertFalse(e.detail().contains(TOKEN), e.toString());
            }
            assertFalse(catalog.jobProperties(job).toString().contains(TOKEN));
        }
    }

    @Test
    void aDeadlineWithinFourDaysIsPostedOnceAndTheTokenNeverShows() throws Exception {
        prepared("seed-fs01", "SB-0001");
        CliRun notify = run("notify", "seed-fs01", "--webhook", webhook());
        assertEquals(0, notify.exitCode(), notify.err());
        assertEquals("Alerts of job seed-fs01: " + masked() + "\n", notify.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(
                "alerts.properties"))));

        CliRun fresh = run("status", "seed-fs01");
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertTrue(posts.isEmpty(), "14 days left is no alert: " + posts);

        ((LocalSession) local.signIn(ConnectorSettings.of(data))).advanceClock(Duration.ofDays(11));
        CliRun status = run("status", "seed-fs01");
        assertEquals(4, status.exitCode(), status.out() + status.err());
        assertEquals(List.of("seedbench status: deadline alert sent to " + masked()), status.errLines());
        assertEquals(1, posts.size(), posts.toString());
        Received post = posts.peek();
        assertEquals("/hooks/" + TOKEN, post.path());
        assertEquals("token=" + TOKEN, post.query());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("ops:" + TOKEN).getBytes(StandardCharsets.UTF_8)),
                post.authorization());
        assertEquals("application/json", post.contentType());
        assertEquals("seed-fs01", post.alert().path("job").asText());
        assertEquals("deadline", post.alert().path("kind").asText());
        assertEquals("Creating", post.alert().path("state").asText());
        assertTrue(post.alert().path("detail").asText().contains("3 days left to enter shipping details"),
                post.alert().toString());
        assertFalse(post.alert().path("time").asText().isEmpty());

        // the same cause again: nothing more is sent, by status or alerts check
        assertEquals(4, run("status", "seed-fs01").exitCode());
        CliRun check = run("alerts", "check");
        assertEquals(0, check.exitCode(), check.err());
        assertEquals("No new alert\n", check.out());
        assertEquals(1, posts.size(), posts.toString());
        assertEquals(1, events("seed-fs01").stream().filter(e -> e.kind().equals(AlertService.EVENT_SENT)).count());

        assertEquals("Alerts of job seed-fs01: " + masked() + "\n", run("notify", "seed-fs01").out());
        assertTrue(run("notify", "seed-fs01", "--json").out().contains("http://127.0.0.1:"));
        run("status", "seed-fs01", "--json");
        run("events", "seed-fs01", "--json");
        run("events", "seed-fs01", "--csv");
        run("events", "seed-fs01");
        assertTrue(printed.toString().contains(masked()), printed.toString());
        assertTokenNeverShows("seed-fs01");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anImportJobCompletedWithErrorsIsPostedOnce() throws Exception {
        // a rehearsal, so that the simulated datacenter gets through the job in seconds
        prepared("seed-cwe", "SB-0009", "--rehearsal", "--days-per-second", "2");
        Path pack;
        try (Stream<Path> files = Files.walk(tmp.resolve("drives/SB-0009/seed-cwe/packs"))) {
            pack = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 1;
        Files.write(pack, bytes);
        assertEquals(0, run("notify", "--webhook", webhook()).exitCode(), "the default of every job");
        List<String> ship = new ArrayList<>(List.of("ship", "seed-cwe", "--carrier", "FedEx", "--tracking",
                "1Z-0009"));
        ship.addAll(CliRun.RETURN_OPTIONS);
        assertEquals(0, run(ship.toArray(String[]::new)).exitCode());

        CliRun watch = run("status", "seed-cwe", "--watch", "--interval", "0.2");
        assertEquals(4, watch.exitCode(), watch.out() + watch.err());
        assertTrue(watch.out().contains("Packaging → CompletedWithErrors"), watch.out());
        assertTrue(watch.err().contains("completed-with-errors alert sent to " + masked()), watch.err());
        run("status", "seed-cwe");
        run("alerts", "check", "seed-cwe");
        List<Received> received = new ArrayList<>(posts);
        assertEquals(1, received.size(), received.toString());
        assertEquals("completed-with-errors", received.get(0).alert().path("kind").asText());
        assertEquals("seed-cwe", received.get(0).alert().path("job").asText());
        assertTokenNeverShows("seed-cwe");
    }

    @Test
    void aFailedDeliveryIsRetriedOnceAndSentAtTheNextCheckThenNeverAgain() throws Exception {
        init("seed-b");
        assertEquals(0, run("notify", "seed-b", "--webhook", webhook()).exitCode());
        try (Workspace ws = workspaces.open(data)) {
            answer.set(503);
            Fired down = alerts.fire(ws, "seed-b", AlertService.BACKUP_FAILED, "scheduled run 2026-12-07T22:00Z",
                    "the scheduled backup failed: the vault is not reachable");
            assertFalse(down.sent());
            assertEquals(List.of(masked() + ": answered HTTP 503, twice"), down.failures().stream()
                    .map(AlertService.Delivery::describe).toList());
            assertEquals(2, posts.size(), "one retry");

            answer.set(204);
            Fired up = alerts.fire(ws, "seed-b", AlertService.BACKUP_FAILED, "scheduled run 2026-12-07T22:00Z",
                    "the scheduled backup failed: the vault is not reachable");
            assertTrue(up.sent());
            assertEquals(3, posts.size());
            Fired again = alerts.fire(ws, "seed-b", AlertService.BACKUP_FAILED, "scheduled run 2026-12-07T22:00Z",
                    "the scheduled backup failed: the vault is not reachable");
            assertTrue(again.repeated());
            assertEquals(3, posts.size(), "once per cause");
            Fired next = alerts.fire(ws, "seed-b", AlertService.BACKUP_FAILED, "scheduled run 2026-12-08T22:00Z",
                    "the scheduled backup failed again");
            assertTrue(next.sent());
            assertEquals(4, posts.size(), "another cause is another alert");

            answer.set(404);
            Fired gone = alerts.fire(ws, "seed-b", AlertService.PRUNE_FAILED, "a prune error");
            assertEquals(List.of(masked() + ": answered HTTP 404"), gone.failures().stream()
                    .map(AlertService.Delivery::describe).toList());
            assertEquals(5, posts.size(), "no retry of a 4xx");
        }
        List<String> kinds = events("seed-b").stream().map(JobEvent::kind).filter(k -> k.startsWith("alert."))
                .toList();
        assertEquals(List.of("alert.settings", "alert.failed", "alert.sent", "alert.sent", "alert.failed"), kinds);
        assertTokenNeverShows("seed-b");

        server.stop(0);
        CliRun unreachable = run("notify", "seed-b", "--test");
        assertEquals(1, unreachable.exitCode(), unreachable.out() + unreachable.err());
        assertTrue(unreachable.out().startsWith("Test alert NOT sent to " + masked() + ": could not be reached ("),
                unreachable.out());
        assertTokenNeverShows("seed-b");
    }

    @Test
    void aCommandAlertGetsTheAlertOnItsInputAndTheJobInItsEnvironment() throws Exception {
        init("seed-c");
        Path got = tmp.resolve("got.jsonl");
        Path env = tmp.resolve("env.txt");
        String command = "cat >> '" + got + "'; printf '%s %s\\n' \"$SEEDBENCH_JOB\" \"$SEEDBENCH_ALERT\" >> '" + env
                + "'";
        CliRun notify = run("notify", "seed-c", "--command", command, "--test");
        assertEquals(0, notify.exitCode(), notify.out() + notify.err());
        assertEquals("Test alert sent to command " + command + "\n", notify.out());
        try (Workspace ws = workspaces.open(data)) {
            alerts.fire(ws, "seed-c", AlertService.PRUNE_FAILED, "prune of 2026-12-07", "prune failed: pack 3f…");
            alerts.fire(ws, "seed-c", AlertService.PRUNE_FAILED, "prune of 2026-12-07", "prune failed: pack 3f…");
        }
        List<String> lines = Files.readAllLines(got);
        assertEquals(2, lines.size(), lines.toString());
        JsonNode test = JSON.readTree(lines.get(0));
        assertEquals("seed-c", test.path("job").asText());
        assertEquals("test", test.path("kind").asText());
        assertEquals("Draft", test.path("state").asText());
        JsonNode prune = JSON.readTree(lines.get(1));
        assertEquals("prune-failed", prune.path("kind").asText());
        assertEquals("prune of 2026-12-07", prune.path("cause").asText());
        assertEquals("prune failed: pack 3f…", prune.path("detail").asText());
        assertEquals(List.of("seed-c test", "seed-c prune-failed"), Files.readAllLines(env));

        CliRun failing = run("notify", "seed-c", "--command", "exit 3", "--test");
        assertEquals(1, failing.exitCode(), failing.out() + failing.err());
        assertEquals("Test alert NOT sent to command exit 3: exited with 3\n", failing.out());
    }

    @Test
    void theDefaultReachesEveryJobWithoutItsOwnAndOffSilencesOne() throws Exception {
        init("seed-d");
        init("seed-e");
        assertEquals(0, run("notify", "--webhook", webhook()).exitCode());
        assertEquals(0, run("notify", "seed-e", "--off").exitCode());
        assertEquals("Alerts of job seed-d: " + masked() + " (the default)\n", run("notify", "seed-d").out());
        assertEquals("Alerts of job seed-e: off\n", run("notify", "seed-e").out());
        try (Workspace ws = workspaces.open(data)) {
            assertTrue(alerts.fire(ws, "seed-d", AlertService.PRUNE_FAILED, "x", "prune failed").sent());
            assertTrue(alerts.fire(ws, "seed-e", AlertService.PRUNE_FAILED, "x", "prune failed").deliveries()
                    .isEmpty());
            assertEquals(1, posts.size());
            assertEquals(0, run("notify", "seed-e", "--use-default").exitCode());
            assertTrue(alerts.fire(ws, "seed-e", AlertService.PRUNE_FAILED, "x", "prune failed").sent());
            assertEquals(2, posts.size());
        }
        assertEquals("Alerts of every job without its own: " + masked() + "\n", run("notify").out());
        assertTokenNeverShows("seed-d");
    }

    @Test
    void badInputIsOneLineWithoutTheToken() throws IOException {
        init("seed-f");
        CliRun ftp = run("notify", "seed-f", "--webhook", "ftp://files.example.com/" + TOKEN);
        assertEquals(3, ftp.exitCode(), ftp.err());
        assertEquals(List.of("seedbench notify: webhook 'ftp://files.example.com/…': is not an http or https URL "
                + "with a host (allowed: the URL to post alerts to, e.g. https://hooks.example.com/services/…)"),
                ftp.errLines());
        CliRun noJob = run("notify", "seed-zz", "--webhook", webhook());
        assertEquals(3, noJob.exitCode(), noJob.err());
        assertTrue(noJob.err().startsWith("seedbench notify: job 'seed-zz': does not exist"), noJob.err());
        assertEquals(2, run("notify", "seed-f", "--off", "--test").exitCode());
        CliRun none = run("notify", "seed-f", "--test");
        assertEquals(3, none.exitCode());
        assertEquals(List.of("seedbench notify: alerts: none are set for job seed-f (allowed: seedbench notify "
                + "seed-f --webhook URL or --command COMMAND)"), none.errLines());
        assertEquals(2, run("alerts", "send").exitCode());
        assertFalse(Files.exists(data.resolve("alerts.properties")), "nothing was written");
        assertTokenNeverShows("seed-f");
    }
}
