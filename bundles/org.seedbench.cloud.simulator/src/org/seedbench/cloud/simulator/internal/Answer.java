package org.seedbench.cloud.simulator.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;

import org.seedbench.core.rules.InvalidInputException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the simulator answers: an HTTP status, a JSON body (none for 202 and 204) and headers beyond Content-Type. */
public record Answer(int status, JsonNode body, Map<String, String> headers) {
    public static final ObjectMapper JSON = new ObjectMapper();

    public Answer(int status, JsonNode body) {
        this(status, body, Map.of());
    }

    /** 202: the request is accepted and runs on; the headers say where to poll it. */
    public static Answer accepted(Map<String, String> headers) {
        return new Answer(202, null, headers);
    }

    public static Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    public static Answer created(JsonNode body) {
        return new Answer(201, body);
    }

    public static Answer noContent() {
        return new Answer(204, null);
    }

    /** Azure Resource Manager's error shape: {@code {"error": {"code": …, "message": …, "details": []}}}. */
    public static Answer error(int status, String code, String message) {
        return error(status, code, message, List.of());
    }

    /**
     * Azure Resource Manager's error shape with one detail per thing refused: {@code {"error": {"code", "message",
     * "details": [{"code", "target", "message"}…]}}}.
     */
    public static Answer error(int status, String code, String message, List<Detail> details) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        ArrayNode array = error.putArray("details");
        for (Detail d : details) {
            array.addObject().put("code", d.code()).put("target", d.target()).put("message", d.message());
        }
        return new Answer(status, body);
    }

    /** One entry of an error's {@code details}: what was wrong with which part of the request. */
    public record Detail(String code, String target, String message) {
    }

    public static Answer notFound(String what) {
        return error(404, "ResourceNotFound", what + " was not found");
    }

    /** A failure of the backend as the service would say it: 404 for what is not there, 400 for a broken rule. */
    public static Answer of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return error(404, "ResourceNotFound", e.getMessage());
        }
        if (e.getCause() instanceof InvalidInputException) {
            return error(400, "InvalidRequest", e.getMessage());
        }
        return error(500, "InternalServerError", e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Thrown by a handler to answer with an error right away. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Answer answer;

        public Failure(Answer answer) {
            super(answer.body().path("error").path("message").asText(), null, false, false);
            this.answer = answer;
        }

        public Answer answer() {
            return answer;
        }
    }

    /** A field of a request body that must be there. */
    public static String required(JsonNode node, String field, String where) throws Failure {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            String target = where + "." + field;
            throw new Failure(error(400, RequestCheck.INVALID, target + " is required",
                    List.of(new Detail(RequestCheck.MISSING, target, target + " is required"))));
        }
        return value;
    }
}
