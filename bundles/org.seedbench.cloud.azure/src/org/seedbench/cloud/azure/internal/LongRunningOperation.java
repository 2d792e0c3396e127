package org.seedbench.cloud.azure.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.PollingContext;
import com.azure.core.util.polling.SyncChainedPollingStrategy;
import com.azure.core.util.polling.SyncLocationPollingStrategy;
import com.azure.core.util.polling.SyncOperationResourcePollingStrategy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.polling.SyncPollingStrategy;
import com.azure.core.util.polling.SyncStatusCheckPollingStrategy;
import com.azure.core.util.serializer.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An Azure Resource Manager operation that may run long ({@code x-ms-long-running-operation}): the request goes
 * through the management pipeline, and azure-core's {@link SyncPoller} waits for it the way the service says: the
 * {@code Azure-AsyncOperation} resource first, then the {@code Location} URL, else the status code (200, 201 or
 * 204 are done at once). Polling honours the service's {@code Retry-After}.
 *
 * <p>A request the service refuses outright is one line with the HTTP status and error, as
 * {@link ManagementClient} says it; an operation the service accepted and then reports Failed or Canceled is one
 * line with the operation's error code and message (details included); one still running after {@link #TIMEOUT}
 * says so and that the job can be looked up later.
 */
final class LongRunningOperation {
    /** Between polls when the service names no {@code Retry-After}. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(10);
    /** How long an operation is waited for. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final TypeReference<BinaryData> RAW = TypeReference.createInstance(BinaryData.class);

    private final ManagementClient client;

    LongRunningOperation(ManagementClient client) {
        this.client = client;
    }

    /**
     * Sends the request and waits until the operation is over.
     *
     * @return the body of the last answer (the operation's status resource, or the initial answer when it was
     *         done at once); a missing node when there is none
     */
    JsonNode run(HttpMethod method, String path, String apiVersion, JsonNode body, String operation) throws IOException {
        HttpRequest request = client.request(method, path, apiVersion, body);
        Remembering strategy = new Remembering(strategy());
        PollResponse<BinaryData> last;
        try {
            SyncPoller<BinaryData, BinaryData> poller = SyncPoller.createPoller(POLL_INTERVAL,
                    () -> start(request, operation), strategy, RAW, RAW);
            last = poller.waitForCompletion(TIMEOUT);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            throw client.errors().of(operation, e);
        }
        JsonNode answer = strategy.lastBody != null ? ManagementClient.parse(strategy.lastBody.getBytes(StandardCharsets.UTF_8))
                : last.getValue() == null ? MissingNode.getInstance() : ManagementClient.parse(last.getValue().toBytes());
        LongRunningOperationStatus status = last.getStatus();
        if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            return answer;
        }
        if (status == LongRunningOperationStatus.FAILED || status == LongRunningOperationStatus.USER_CANCELLED) {
            throw client.errors().ofOperation(operation, answer.path("status").asText(status.toString()), answer);
        }
        throw new IOException("Azure Resource Manager: cannot " + operation + ": the service accepted it but has not "
                + "finished it after " + TIMEOUT.toMinutes() + " minutes; look the job up later");
    }

    /** The chain ARM's long-running operations need: Azure-AsyncOperation, then Location, then the status code. */
    private SyncPollingStrategy<BinaryData, BinaryData> strategy() {
        String endpoint = client.endpoint().toString();
        return new SyncChainedPollingStrategy<>(List.of(
                new SyncOperationResourcePollingStrategy<>(client.pipeline(), endpoint, null, "Azure-AsyncOperation",
                        Context.NONE),
                new SyncLocationPollingStrategy<>(client.pipeline(), endpoint, null, Context.NONE),
                new SyncStatusCheckPollingStrategy<>()));
    }

    /**
     * The strategy, keeping the last poll's body as text: the body a poll answer holds is read once, when the
     * strategy takes the status from it, and the strategies keep its text in the polling context.
     */
    private static final class Remembering implements SyncPollingStrategy<BinaryData, BinaryData> {
        /** Where azure-core's strategies keep the last poll's body in the polling context. */
        private static final String POLL_RESPONSE_BODY = "pollResponseBody";
        private final SyncPollingStrategy<BinaryData, BinaryData> strategy;
        private volatile String lastBody;

        Remembering(SyncPollingStrategy<BinaryData, BinaryData> strategy) {
            this.strategy = strategy;
        }

        @Override
        public boolean canPoll(Response<?> initialResponse) {
            return strategy.canPoll(initialResponse);
        }

        @Override
        public PollResponse<BinaryData> onInitialResponse(Response<?> response, PollingContext<BinaryData> context,
                TypeReference<BinaryData> type) {
            return strategy.onInitialResponse(response, context, type);
        }

        @Override
        public PollResponse<BinaryData> poll(PollingContext<BinaryData> context, TypeReference<BinaryData> type) {
            PollResponse<BinaryData> response = strategy.poll(context, type);
            lastBody = context.getData(POLL_RESPONSE_BODY);
            return response;
        }

        @Override
        public BinaryData getResult(PollingContext<BinaryData> context, TypeReference<BinaryData> type) {
            return strategy.getResult(context, type);
        }

        @Override
        public BinaryData cancel(PollingContext<BinaryData> context, PollResponse<BinaryData> initialResponse) {
            return strategy.cancel(context, initialResponse);
        }
    }

    /** The initial call; a refusal (4xx, 5xx) ends it right there with the service's error. */
    private Response<BinaryData> start(HttpRequest request, String operation) {
        try (HttpResponse response = client.pipeline().sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            byte[] bytes = response.getBodyAsBinaryData().toBytes();
            if (status >= 400) {
                throw new UncheckedIOException(client.errors().of(operation, status, ManagementClient.parse(bytes)));
            }
            return new SimpleResponse<>(request, status, response.getHeaders(),
                    BinaryData.fromBytes(bytes == null ? new byte[0] : bytes));
        }
    }
}
