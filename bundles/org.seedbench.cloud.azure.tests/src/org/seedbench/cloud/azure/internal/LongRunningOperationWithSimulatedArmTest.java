package org.seedbench.cloud.azure.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.sun.net.httpserver.HttpServer;

import reactor.core.publisher.Mono;

/**
 * Long-running operations as Azure Resource Manager runs them, answered by a scripted stand-in on 127.0.0.1: the
 * operation is polled at its Azure-AsyncOperation resource (or its Location) through the management pipeline, a
 * failed operation ends as one line with the operation's error code and message, and a refusal as the HTTP error.
 */
class LongRunningOperationWithSimulatedArmTest {
    private static final String KEY = "111111-222222-333333-444444-555555-666666-777777-888888";

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    /** The scripted answers by request path: status, headers, body. */
    private final Map<String, Object[]> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private LongRunningOperation operations;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            Object[] answer = answers.getOrDefault(exchange.getRequestURI().getPath(), new Object[] { 404, Map.of(), "" });
            @SuppressWarnings("unchecked")
            Map<String, String> headers = (Map<String, String>) answer[1];
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value.replace("{base}", base())));
            byte[] body = ((String) answer[2]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders((int) answer[0], body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        ManagementClient client = new ManagementClient(URI.create(base()), request -> Mono.just(new AccessToken("t",
                OffsetDateTime.now().plusHours(1))), new JdkHttpClientBuilder().build(), new Redactor(List.of()));
        operations = new LongRunningOperation(client);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aFailedOperationIsOneLineWithItsCodeAndMessage() {
        answers.put("/jobs/j", new Object[] { 202, Map.of("Azure-AsyncOperation", "{base}/operations/1?api-version=x"), "" });
        answers.put("/operations/1", new Object[] { 200, Map.of(), "{\"status\":\"Failed\",\"error\":{\"code\":"
                + "\"DiskValidationFailed\",\"message\":\"bitLockerKey " + KEY + " does not unlock SB-0001\","
                + "\"details\":[{\"code\":\"Manifest\",\"message\":\"hash differs\"}]}}" });

        IOException e = assertThrows(IOException.class,
                () -> operations.run(HttpMethod.PUT, "/jobs/j", "2022-12-01", null, "create Data Box job 'j'"));

        assertTrue(e.getMessage().contains("create Data Box job 'j'"), e.getMessage());
        assertTrue(e.getMessage().contains("Failed: DiskValidationFailed: bitLockerKey"), e.getMessage());
        assertTrue(e.getMessage().contains("(Manifest: hash differs)"), e.getMessage());
        assertFalse(e.getMessage().contains("222222"), "no recovery password: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals("GET /operations/1 Bearer t", seen.get(1), "polled through the management pipeline");
    }

    @Test
    void anOperationIsWaitedForAtItsLocation() throws IOException {
        answers.put("/jobs/j", new Object[] { 202, Map.of("Location", "{base}/results/2?api-version=x"), "" });
        answers.put("/results/2", new Object[] { 204, Map.of(), "" });

        operations.run(HttpMethod.DELETE, "/jobs/j", "2022-12-01", null, "delete Data Box job 'j'");

        assertEquals(List.of("DELETE /jobs/j Bearer t", "GET /results/2 Bearer t"), seen);
    }

    @Test
    void anOperationDoneAtOnceIsNotPolledAndARefusalIsTheHttpError() throws IOException {
        answers.put("/jobs/j/markDevicesShipped", new Object[] { 204, Map.of(), "" });
        operations.run(HttpMethod.POST, "/jobs/j/markDevicesShipped", "2022-12-01", null, "mark shipped");
        assertEquals(1, seen.size());

        answers.put("/jobs/k", new Object[] { 409, Map.of(), "{\"error\":{\"code\":\"Conflict\",\"message\":\"busy\"}}" });
        IOException e = assertThrows(IOException.class,
                () -> operations.run(HttpMethod.DELETE, "/jobs/k", "2022-12-01", null, "delete Data Box job 'k'"));
        assertTrue(e.getMessage().contains("HTTP 409 Conflict: busy"), e.getMessage());
    }
}
