package org.seedbench.cloud.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.seedbench.cloud.simulator.internal.Answer;
import org.seedbench.cloud.simulator.internal.Answer.Failure;
import org.seedbench.cloud.simulator.internal.DataBoxApi;
import org.seedbench.cloud.simulator.internal.ImportExportApi;
import org.seedbench.cloud.simulator.internal.JobBook;
import org.seedbench.core.spi.CloudSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Azure Resource Manager's import services, on 127.0.0.1: it answers the REST operations of
 * Azure Import/Export (api-version 2021-01-01: jobs create, get, list, update, delete, listBitLockerKeys;
 * locations) and of Azure Data Box customer-disk jobs (create, get, list, update, markDevicesShipped, cancel,
 * delete), and has a backend {@link CloudSession} do the work (the local connector's, whose simulated
 * datacenter copies the drives it finds on its dock). Any bearer token is accepted; a request without one is refused (401),
 * one without the operation's api-version too (400 MissingApiVersionParameter, InvalidApiVersionParameter).
 *
 * <p>The request does not say where the drives are: the backend's {@link org.seedbench.core.spi.DriveDock} does. Log
 * locations the backend gives as
 * {@code local://<account>/<container>/<blob>} are told as URLs below {@code storageEndpoint} (the storage
 * account's Blob endpoint), where the client can download them.
 */
public final class ImportServiceSimulator implements AutoCloseable {
    private static final String SEGMENT = "([^/]+)";
    private static final String JOBS = "/subscriptions/" + SEGMENT + "/resourceGroups/" + SEGMENT + "/providers/";

    private final HttpServer server;
    private final ExecutorService threads;
    private final ImportExportApi importExport;
    private final DataBoxApi dataBox;
    private final List<Operation> operations;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** One REST operation: its method, its path pattern, the api-version it is served in and what answers it. */
    private record Operation(String method, Pattern path, String apiVersion, Handler handler) {
    }

    /** What answers an operation: it reads the path's groups, the decoded query ($top, $expand…) and the body. */
    @FunctionalInterface
    private interface Handler {
        Answer answer(Matcher path, Map<String, String> query, JsonNode body) throws IOException, Failure;
    }

    /**
     * One request as the simulator received it, for tests that check what a client sends.
     *
     * @param path            the path without the query
     * @param query           the query parameters, decoded
     * @param clientRequestId the {@code x-ms-client-request-id} header, or null
     * @param userAgent       the {@code User-Agent} header, or null
     * @param body            the JSON body; a missing node when there was none
     * @since 1.1
     */
    public record Request(String method, String path, Map<String, String> query, String clientRequestId,
            String userAgent, JsonNode body) {
    }

    private ImportServiceSimulator(HttpServer server, CloudSession backend, URI storageEndpoint,
            Double rehearsalDaysPerSecond) {
        this.server = server;
        JobBook book = new JobBook();
        book.rehearsalDaysPerSecond = rehearsalDaysPerSecond;
        this.importExport = new ImportExportApi(backend, book, storageEndpoint);
        this.dataBox = new DataBoxApi(backend, book, storageEndpoint,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        this.operations = operations();
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "import service simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * Starts the simulator on 127.0.0.1.
     *
     * @param port            0 for a free port
     * @param storageEndpoint the storage account's Blob endpoint the logs are told below; null to pass the
     *                        backend's log locations on as they are
     */
    public static ImportServiceSimulator start(CloudSession backend, URI storageEndpoint, int port)
            throws IOException {
        return start(backend, storageEndpoint, port, null);
    }

    /**
     * Starts the simulator on 127.0.0.1 for a rehearsal: each job it creates runs on a compressed clock of its own at
     * the backend's datacenter.
     *
     * @param rehearsalDaysPerSecond simulated days per real second of the jobs it creates; null for the real clock
     */
    public static ImportServiceSimulator start(CloudSession backend, URI storageEndpoint, int port,
            Double rehearsalDaysPerSecond) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ImportServiceSimulator simulator = new ImportServiceSimulator(server, backend, storageEndpoint,
                rehearsalDaysPerSecond);
        server.start();
        return simulator;
    }

    /**
     * The requests received so far, oldest first (those refused for a missing token or api-version too).
     *
     * @since 1.1
     */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * The most jobs a list answers in one page when the client asks for no fewer ({@code $top}); the rest come
     * by {@code nextLink}, as from the service. 100 (the most {@code $top} may ask for) unless set.
     *
     * @since 1.1
     */
    public void pageSize(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("a page holds at least one job");
        }
        importExport.pageSize(jobs);
        dataBox.pageSize(jobs);
    }

    /** The management endpoint to give a client, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Operation> operations() {
        String ie = "Microsoft.ImportExport/jobs";
        String db = "Microsoft.DataBox/jobs";
        String ieVersion = ImportExportApi.API_VERSION;
        String dbVersion = DataBoxApi.API_VERSION;
        return List.of(
                op("GET", "/providers/Microsoft.ImportExport/locations", ieVersion, (m, q, b) -> importExport.locations()),
                op("GET", "/providers/Microsoft.ImportExport/locations/" + SEGMENT, ieVersion,
                        (m, q, b) -> importExport.location(m.group(1))),
                op("GET", "/subscriptions/" + SEGMENT + "/providers/" + ie, ieVersion,
                        (m, q, b) -> importExport.list(m.group(1), null, uri() + m.group(), q)),
                op("GET", JOBS + ie, ieVersion, (m, q, b) -> importExport.list(m.group(1), m.group(2), uri() + m.group(), q)),
                op("PUT", JOBS + ie + "/" + SEGMENT, ieVersion, (m, q, b) -> importExport.create(m.group(1), m.group(2), m.group(3), b)),
                op("GET", JOBS + ie + "/" + SEGMENT, ieVersion, (m, q, b) -> importExport.get(m.group(1), m.group(2), m.group(3))),
                op("PATCH", JOBS + ie + "/" + SEGMENT, ieVersion,
                        (m, q, b) -> importExport.update(m.group(1), m.group(2), m.group(3), b)),
                op("DELETE", JOBS + ie + "/" + SEGMENT, ieVersion, (m, q, b) -> importExport.delete(m.group(1), m.group(3))),
                op("POST", JOBS + ie + "/" + SEGMENT + "/listBitLockerKeys", ieVersion,
                        (m, q, b) -> importExport.bitLockerKeys(m.group(1), m.group(3))),
                op("GET", "/subscriptions/" + SEGMENT + "/providers/" + db, dbVersion,
                        (m, q, b) -> dataBox.list(m.group(1), null, uri() + m.group(), q)),
                op("GET", JOBS + db, dbVersion, (m, q, b) -> dataBox.list(m.group(1), m.group(2), uri() + m.group(), q)),
                op("PUT", JOBS + db + "/" + SEGMENT, dbVersion, (m, q, b) -> dataBox.create(m.group(1), m.group(2), m.group(3), b)),
                op("GET", JOBS + db + "/" + SEGMENT, dbVersion, (m, q, b) -> dataBox.get(m.group(1), m.group(2), m.group(3), q)),
                op("PATCH", JOBS + db + "/" + SEGMENT, dbVersion, (m, q, b) -> dataBox.update(m.group(1), m.group(2), m.group(3), b)),
                op("DELETE", JOBS + db + "/" + SEGMENT, dbVersion, (m, q, b) -> dataBox.delete(m.group(1), m.group(3))),
                op("POST", JOBS + db + "/" + SEGMENT + "/markDevicesShipped", dbVersion,
                        (m, q, b) -> dataBox.markDevicesShipped(m.group(1), m.group(2), m.group(3), b)),
                op("POST", JOBS + db + "/" + SEGMENT + "/cancel", dbVersion, (m, q, b) -> dataBox.cancel(m.group(1), m.group(3), b)),
                op("GET", "/subscriptions/" + SEGMENT + "/providers/Microsoft.DataBox/locations/" + SEGMENT
                        + "/operationStatuses/" + SEGMENT, dbVersion, (m, q, b) -> dataBox.operationStatus(m.group(3))),
                op("GET", "/subscriptions/" + SEGMENT + "/providers/Microsoft.DataBox/locations/" + SEGMENT
                        + "/operationResults/" + SEGMENT, dbVersion, (m, q, b) -> dataBox.operationResult(m.group(3))));
    }

    private static Operation op(String method, String path, String apiVersion, Handler handler) {
        return new Operation(method, Pattern.compile(path, Pattern.CASE_INSENSITIVE), apiVersion, handler);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            answer = answer(exchange);
        } catch (Failure f) {
            answer = f.answer();
        } catch (IOException e) {
            answer = Answer.of(e);
        } catch (RuntimeException e) {
            answer = Answer.error(500, "InternalServerError", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        send(exchange, answer);
    }

    private Answer answer(HttpExchange exchange) throws IOException, Failure {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        String method = exchange.getRequestMethod();
        JsonNode body = body(exchange);
        requests.add(new Request(method, path, query, exchange.getRequestHeaders().getFirst("x-ms-client-request-id"),
                exchange.getRequestHeaders().getFirst("User-Agent"), body));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            return Answer.error(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        String apiVersion = query.get("api-version");
        if (apiVersion == null || apiVersion.isBlank()) {
            return Answer.error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required.");
        }
        boolean pathKnown = false;
        for (Operation op : operations) {
            Matcher m = op.path().matcher(path);
            if (m.matches()) {
                pathKnown = true;
                if (!op.apiVersion().equals(apiVersion)) {
                    return Answer.error(400, "InvalidApiVersionParameter", "The api-version '" + apiVersion
                            + "' is invalid. The supported versions are '" + op.apiVersion() + "'.");
                }
                if (op.method().equals(method)) {
                    return op.handler().answer(m, query, body);
                }
            }
        }
        return pathKnown ? Answer.error(405, "MethodNotAllowed", method + " is not an operation of " + path)
                : Answer.error(404, "InvalidResourceType", "no such resource type or operation: " + path);
    }

    /** The query's parameters by name, decoded; the first of a name repeated counts. */
    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static JsonNode body(HttpExchange exchange) throws IOException, Failure {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Answer.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new Failure(Answer.error(400, "InvalidRequestContent", "the request body is not JSON"));
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body() == null ? new byte[0] : Answer.JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public String toString() {
        return "import service simulator at " + uri();
    }
}
