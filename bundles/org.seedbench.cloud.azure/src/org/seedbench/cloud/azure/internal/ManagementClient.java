package org.seedbench.cloud.azure.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.jar.Manifest;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Context;
import com.azure.core.util.UserAgentUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Calls Azure Resource Manager operations as plain REST through an azure-core {@link HttpPipeline} (retries,
 * bearer token, the JDK HTTP client): the resource-manager SDKs of Import/Export and Data Box are not published
 * where this build can use them. Bodies are JSON; a failure becomes one {@link IOException} line with the
 * operation, the HTTP status, the service's error code and message, secrets taken out.
 */
public final class ManagementClient {
    /** The public cloud's Azure Resource Manager endpoint. */
    public static final String PUBLIC_ENDPOINT = "https://management.azure.com";
    /** How long a created resource may take to appear when the service accepted it asynchronously. */
    private static final int ACCEPTED_POLLS = 60;
    private static final Duration ACCEPTED_POLL_INTERVAL = Duration.ofSeconds(5);
    /** What Seedbench calls itself in the User-Agent header, beside azure-core's platform part. */
    static final String USER_AGENT_NAME = "seedbench-cloud-azure";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPipeline pipeline;
    private final URI endpoint;
    private final ManagementErrors errors;

    /**
     * The pipeline is azure-core's, in the order its own clients use: a User-Agent naming Seedbench, a fresh
     * {@code x-ms-client-request-id} per call (kept across retries, so the service's logs tie them together),
     * retries, then the bearer token.
     */
    public ManagementClient(URI endpoint, TokenCredential credential, HttpClient http, Redactor redactor) {
        this.endpoint = URI.create(endpoint.toString().replaceAll("/+$", ""));
        this.pipeline = new HttpPipelineBuilder().httpClient(http)
                .policies(new UserAgentPolicy(userAgent()), new RequestIdPolicy(), new RetryPolicy(),
                        new BearerTokenPolicy(credential, scope(this.endpoint)))
                .build();
        this.errors = new ManagementErrors(redactor);
    }

    /** e.g. {@code azsdk-java-seedbench-cloud-azure/0.1.0 (17.0.12; Linux; 6.1)}. */
    static String userAgent() {
        String version = null;
        try (InputStream in = ManagementClient.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in != null) {
                version = new Manifest(in).getMainAttributes().getValue("Bundle-Version");
            }
        } catch (IOException unreadable) {
            // the version is a courtesy to the service's logs
        }
        return UserAgentUtil.toUserAgentString(null, USER_AGENT_NAME, version == null ? "unknown" : version, null);
    }

    /**
     * The token scope of the endpoint: the public cloud's for {@value #PUBLIC_ENDPOINT} and for a local stand-in
     * (loopback), the endpoint's own otherwise (sovereign clouds, e.g. {@code https://management.usgovcloudapi.net}).
     */
    static String scope(URI endpoint) {
        if (endpoint.getHost() == null || BearerTokenPolicy.isLoopback(endpoint.getHost())) {
            return PUBLIC_ENDPOINT + "/.default";
        }
        return endpoint + "/.default";
    }

    public URI endpoint() {
        return endpoint;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** The resource at {@code path}, or empty when the service answers 404. */
    public Optional<JsonNode> get(String path, String apiVersion, String operation) throws IOException {
        Reply reply = call(HttpMethod.GET, path, apiVersion, null, operation);
        return reply.status() == 404 ? Optional.empty() : Optional.of(reply.body());
    }

    /** Sends the request and returns the response body (a missing node when there is none). */
    public JsonNode send(HttpMethod method, String path, String apiVersion, JsonNode body, String operation)
            throws IOException {
        Reply reply = call(method, path, apiVersion, body, operation);
        if (reply.status() == 404) {
            throw errors.of(operation, reply.status(), reply.body());
        }
        return reply.body();
    }

    /**
     * Creates or replaces a resource and returns it. When the service only accepts the request (202, a
     * long-running creation), the resource is read until it is there.
     */
    public JsonNode put(String path, String apiVersion, JsonNode body, String operation) throws IOException {
        Reply reply = call(HttpMethod.PUT, path, apiVersion, body, operation);
        if (reply.status() != 202 && reply.body().has("properties")) {
            return reply.body();
        }
        for (int poll = 0; poll < ACCEPTED_POLLS; poll++) {
            Optional<JsonNode> created = get(path, apiVersion, operation);
            if (created.isPresent() && created.get().has("properties")) {
                return created.get();
            }
            pause();
        }
        throw new IOException("Azure Resource Manager: cannot " + operation
                + ": the service accepted the request but the resource did not appear; look it up later");
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply call(HttpMethod method, String path, String apiVersion, JsonNode body, String operation)
            throws IOException {
        HttpRequest request = request(method, path, apiVersion, body);
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            byte[] bytes = response.getBodyAsBinaryData().toBytes();
            JsonNode json = parse(bytes);
            if (status >= 400 && status != 404) {
                throw errors.of(operation, status, json);
            }
            return new Reply(status, json);
        } catch (RuntimeException e) {
            throw errors.of(operation, e);
        }
    }

    /** The request of an operation on {@code path} (below the endpoint), with its api-version and JSON body. */
    HttpRequest request(HttpMethod method, String path, String apiVersion, JsonNode body) throws IOException {
        String url = endpoint + path + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion;
        HttpRequest request = new HttpRequest(method, url);
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(JSON.writeValueAsBytes(body));
        }
        return request;
    }

    /** The pipeline every management call goes through (long-running operations poll through it too). */
    HttpPipeline pipeline() {
        return pipeline;
    }

    ManagementErrors errors() {
        return errors;
    }

    static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException notJson) {
            return JSON.createObjectNode().put("text", new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(ACCEPTED_POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the service to create a resource");
        }
    }

    /** Codes with which a subscription says a resource provider is not registered for it (nothing to find). */
    public static boolean isProviderNotRegistered(IOException e) {
        return List.of("MissingSubscriptionRegistration", "NoRegisteredProviderFound", "SubscriptionNotRegistered")
                .stream().anyMatch(code -> e.getMessage() != null && e.getMessage().contains(" " + code + ":"));
    }
}
